/* Error codes returned (negated) by the core. Values are Linux errno numbers
 * so that a native build prints familiar names; the firmware has no errno.h
 * (freestanding), hence our own copy. Only the names matter on the wire:
 * the control block reports them as negative i32 results. */
#ifndef ICM_ERR_H
#define ICM_ERR_H

#define ICM_EIO       5   /* unexpected FIFO content */
#define ICM_EAGAIN   11
#define ICM_ENOMEM   12   /* FIFO has no room for this packet (yet) */
#define ICM_EBUSY    16   /* not bound yet */
#define ICM_EINVAL   22   /* bad configuration or corrupt shared index */
#define ICM_EMSGSIZE 90   /* rx packet larger than the rx buffer: link stalls */
#define ICM_ENODATA  61   /* empty message */
#define ICM_EBADMSG  74   /* message too big to encode / corrupt packet length */
#define ICM_EALREADY 114  /* already open */

#endif
