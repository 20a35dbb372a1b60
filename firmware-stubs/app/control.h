/* Control block: a test-only side channel in shared RAM (LE u32 fields).
 * The host writes cmd/arg0/arg1, then increments seq, then rings doorbell 2;
 * the stub executes, writes result and ack_seq = seq, then rings doorbell 3. */
#ifndef APP_CONTROL_H
#define APP_CONTROL_H

#include <stdint.h>
#include "app.h"

#define CTL_MAGIC_VALUE 0x4C52544Eu /* bytes 4E 54 52 4C */

#define CTL_MAGIC      0x00u /* written by the stub at boot (after the others) */
#define CTL_CMD        0x04u
#define CTL_ARG0       0x08u
#define CTL_ARG1       0x0Cu
#define CTL_SEQ        0x10u /* host */
#define CTL_ACK_SEQ    0x14u /* stub */
#define CTL_RESULT     0x18u /* stub, i32 */
#define CTL_STATE      0x1Cu /* stub, enum icmsg_state or CTL_STATE_BAD_CONFIG */
#define CTL_RX_COUNT   0x20u
#define CTL_TX_COUNT   0x24u
#define CTL_ERR_COUNT  0x28u
#define CTL_BOOT_COUNT 0x2Cu
#define CTL_ECHO       0x30u
#define CTL_SIZE       0x34u

#define CTL_STATE_BAD_CONFIG 0xFFFFFFFFu

enum ctl_cmd {
	CTL_CMD_NOP = 0,
	CTL_CMD_CLOSE = 1,
	CTL_CMD_OPEN = 2,
	CTL_CMD_RESET = 3,
	CTL_CMD_ECHO_OFF = 4,
	CTL_CMD_ECHO_ON = 5,
	CTL_CMD_BURST = 6,     /* arg0 messages of arg1 bytes */
	CTL_CMD_HARDFAULT = 7,
};

void control_boot(volatile uint8_t *blk);
void control_bad_config(volatile uint8_t *blk, int err);
void control_publish(struct app *a);
void control_poll(struct app *a);

#endif
