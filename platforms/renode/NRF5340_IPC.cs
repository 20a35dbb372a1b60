//
// nRF5340 IPC (interprocessor communication) peripheral, one instance per core.
// Written for this project from the nRF5340 register description; load with
// `include @platforms/renode/NRF5340_IPC.cs` before the platform description.
//
// Semantics modelled:
// - TASKS_SEND[n] (0x000 + 4n), written 1 on this core, raises on the peer core every
//   EVENTS_RECEIVE[m] whose RECEIVE_CNF[m] has bit n, provided this core's
//   SEND_CNF[n] has bit n (Zephyr's mbox driver sets SEND_CNF[n] = RECEIVE_CNF[n] = 1 << n).
// - IRQ is high while any event is both set and enabled in INTEN; INTPEND reads those.
// - INTEN/INTENSET/INTENCLR as on every nRF peripheral; EVENTS_RECEIVE are cleared by
//   writing 0; SUBSCRIBE/PUBLISH (DPPI) and GPMEM are storage only.
// - The instance built with `logSends: true` logs one Info line per TASKS_SEND:
//     "NRF5340_IPC: <side> TASKS_SEND[<n>] #<count>"
//   The host harness, which plays the (halted) application core, watches Renode's stdout
//   for it to learn that the network core rang without polling over the monitor. The
//   running count makes each line unique, so no log de-duplication can merge two rings.
//
// The two instances are linked by giving one of them the other as `peer`.
//
using System;
using System.Collections.Generic;
using Antmicro.Renode.Core;
using Antmicro.Renode.Core.Structure.Registers;
using Antmicro.Renode.Logging;
using Antmicro.Renode.Peripherals.Bus;

namespace Antmicro.Renode.Peripherals.Miscellaneous
{
    public class NRF5340_IPC : IDoubleWordPeripheral, IKnownSize
    {
        public NRF5340_IPC(string side = "app", NRF5340_IPC peer = null, bool logSends = false)
        {
            this.side = side;
            this.logSends = logSends;
            IRQ = new GPIO();
            events = new bool[Channels];
            sendConfig = new uint[Channels];
            receiveConfig = new uint[Channels];
            subscribe = new uint[Channels];
            publish = new uint[Channels];
            generalPurpose = new uint[GeneralPurposeWords];
            registers = new DoubleWordRegisterCollection(this, BuildRegisters());
            if(peer != null)
            {
                Link(peer);
            }
        }

        // Links two instances both ways; called from the constructor of the second one.
        public void Link(NRF5340_IPC other)
        {
            peer = other;
            other.peer = this;
        }

        public void Reset()
        {
            lock(sync)
            {
                registers.Reset();
                Array.Clear(events, 0, events.Length);
                Array.Clear(sendConfig, 0, sendConfig.Length);
                Array.Clear(receiveConfig, 0, receiveConfig.Length);
                Array.Clear(subscribe, 0, subscribe.Length);
                Array.Clear(publish, 0, publish.Length);
                Array.Clear(generalPurpose, 0, generalPurpose.Length);
                interruptEnable = 0;
                UpdateInterrupt();
            }
        }

        public uint ReadDoubleWord(long offset)
        {
            lock(sync)
            {
                return registers.Read(offset);
            }
        }

        public void WriteDoubleWord(long offset, uint value)
        {
            uint sends;
            lock(sync)
            {
                registers.Write(offset, value);
                sends = requestedSends;
                requestedSends = 0;
            }
            // Deliver to the peer outside our lock: the peer core may be sending to us at the
            // same moment, and taking both locks in opposite orders would deadlock.
            for(var n = 0; n < Channels; n++)
            {
                if((sends & (1u << n)) != 0)
                {
                    Send(n);
                }
            }
        }

        // Triggers TASKS_SEND[channel] as the core owning this instance would (also usable
        // from the monitor: `ipc_app Send 0`).
        public void Send(int channel)
        {
            if(channel < 0 || channel >= Channels)
            {
                this.Log(LogLevel.Warning, "TASKS_SEND[{0}] is outside 0..{1}", channel, Channels - 1);
                return;
            }
            var count = System.Threading.Interlocked.Increment(ref sendCount);
            if(logSends)
            {
                this.Log(LogLevel.Info, "NRF5340_IPC: {0} TASKS_SEND[{1}] #{2}", side, channel, count);
            }
            if((sendConfig[channel] & (1u << channel)) == 0)
            {
                // Not enabled for sending on this channel: the task has no effect, as on hardware.
                this.Log(LogLevel.Debug, "TASKS_SEND[{0}] ignored: SEND_CNF[{0}] lacks bit {0}", channel);
                return;
            }
            if(peer == null)
            {
                this.Log(LogLevel.Warning, "TASKS_SEND[{0}] with no peer IPC linked", channel);
                return;
            }
            peer.Receive(channel);
        }

        // A send on IPC channel `channel` by the other core.
        public void Receive(int channel)
        {
            lock(sync)
            {
                var any = false;
                for(var m = 0; m < Channels; m++)
                {
                    if((receiveConfig[m] & (1u << channel)) != 0)
                    {
                        events[m] = true;
                        any = true;
                    }
                }
                if(!any)
                {
                    this.Log(LogLevel.Debug, "send on channel {0} matches no RECEIVE_CNF", channel);
                }
                UpdateInterrupt();
            }
        }

        public GPIO IRQ { get; private set; }

        public long Size { get { return 0x1000; } }

        public long SendCount { get { return System.Threading.Interlocked.Read(ref sendCount); } }

        private Dictionary<long, DoubleWordRegister> BuildRegisters()
        {
            var map = new Dictionary<long, DoubleWordRegister>();
            for(var i = 0; i < Channels; i++)
            {
                var n = i;
                map.Add(TasksSend + 4 * n, new DoubleWordRegister(this)
                    .WithFlag(0, FieldMode.Write, name: "TASKS_SEND",
                        writeCallback: (_, value) => { if(value) { requestedSends |= 1u << n; } })
                    .WithReservedBits(1, 31));
                map.Add(SubscribeSend + 4 * n, new DoubleWordRegister(this)
                    .WithValueField(0, 32, name: "SUBSCRIBE_SEND",
                        valueProviderCallback: _ => subscribe[n],
                        writeCallback: (_, value) => subscribe[n] = (uint)value));
                map.Add(EventsReceive + 4 * n, new DoubleWordRegister(this)
                    .WithFlag(0, name: "EVENTS_RECEIVE",
                        valueProviderCallback: _ => events[n],
                        writeCallback: (_, value) => { events[n] = value; UpdateInterrupt(); })
                    .WithReservedBits(1, 31));
                map.Add(PublishReceive + 4 * n, new DoubleWordRegister(this)
                    .WithValueField(0, 32, name: "PUBLISH_RECEIVE",
                        valueProviderCallback: _ => publish[n],
                        writeCallback: (_, value) => publish[n] = (uint)value));
                map.Add(SendCnf + 4 * n, new DoubleWordRegister(this)
                    .WithValueField(0, Channels, name: "SEND_CNF",
                        valueProviderCallback: _ => sendConfig[n],
                        writeCallback: (_, value) => sendConfig[n] = (uint)value)
                    .WithReservedBits(Channels, 32 - Channels));
                map.Add(ReceiveCnf + 4 * n, new DoubleWordRegister(this)
                    .WithValueField(0, Channels, name: "RECEIVE_CNF",
                        valueProviderCallback: _ => receiveConfig[n],
                        writeCallback: (_, value) => receiveConfig[n] = (uint)value)
                    .WithReservedBits(Channels, 32 - Channels));
            }
            map.Add(IntEn, new DoubleWordRegister(this)
                .WithValueField(0, Channels, name: "INTEN",
                    valueProviderCallback: _ => interruptEnable,
                    writeCallback: (_, value) => { interruptEnable = (uint)value; UpdateInterrupt(); })
                .WithReservedBits(Channels, 32 - Channels));
            map.Add(IntEnSet, new DoubleWordRegister(this)
                .WithValueField(0, Channels, name: "INTENSET",
                    valueProviderCallback: _ => interruptEnable,
                    writeCallback: (_, value) => { interruptEnable |= (uint)value; UpdateInterrupt(); })
                .WithReservedBits(Channels, 32 - Channels));
            map.Add(IntEnClr, new DoubleWordRegister(this)
                .WithValueField(0, Channels, name: "INTENCLR",
                    valueProviderCallback: _ => interruptEnable,
                    writeCallback: (_, value) => { interruptEnable &= ~(uint)value; UpdateInterrupt(); })
                .WithReservedBits(Channels, 32 - Channels));
            map.Add(IntPend, new DoubleWordRegister(this)
                .WithValueField(0, Channels, FieldMode.Read, name: "INTPEND",
                    valueProviderCallback: _ => PendingMask())
                .WithReservedBits(Channels, 32 - Channels));
            for(var i = 0; i < GeneralPurposeWords; i++)
            {
                var k = i;
                map.Add(GpMem + 4 * k, new DoubleWordRegister(this)
                    .WithValueField(0, 32, name: "GPMEM",
                        valueProviderCallback: _ => generalPurpose[k],
                        writeCallback: (_, value) => generalPurpose[k] = (uint)value));
            }
            return map;
        }

        private uint PendingMask()
        {
            uint mask = 0;
            for(var m = 0; m < Channels; m++)
            {
                if(events[m])
                {
                    mask |= 1u << m;
                }
            }
            return mask & interruptEnable;
        }

        private void UpdateInterrupt()
        {
            IRQ.Set(PendingMask() != 0);
        }

        private NRF5340_IPC peer;
        private uint interruptEnable;
        private uint requestedSends;
        private long sendCount;
        private readonly string side;
        private readonly bool logSends;
        private readonly bool[] events;
        private readonly uint[] sendConfig;
        private readonly uint[] receiveConfig;
        private readonly uint[] subscribe;
        private readonly uint[] publish;
        private readonly uint[] generalPurpose;
        private readonly DoubleWordRegisterCollection registers;
        private readonly object sync = new object();

        private const int Channels = 16;
        private const int GeneralPurposeWords = 2;
        private const long TasksSend = 0x000;
        private const long SubscribeSend = 0x080;
        private const long EventsReceive = 0x100;
        private const long PublishReceive = 0x180;
        private const long IntEn = 0x300;
        private const long IntEnSet = 0x304;
        private const long IntEnClr = 0x308;
        private const long IntPend = 0x30C;
        private const long SendCnf = 0x510;
        private const long ReceiveCnf = 0x590;
        private const long GpMem = 0x610;
    }
}
