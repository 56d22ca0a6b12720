/*
 * channel.c: messages between finwave and an endpoint process. A fork
 * command carries the new endpoint's channel with it, so the one place that
 * builds and reads SCM_RIGHTS control messages is here.
 */
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <string.h>

#include "base/channel.h"

union channel_control {
	struct cmsghdr	hdr;
	char		buf[CMSG_SPACE(sizeof(int))];
};

/* Point a msghdr at one buffer and, when wanted, a control area. */
static void
channel_prepare(struct msghdr *mh, struct iovec *iov, void *buf, size_t len,
    union channel_control *control)
{
	memset(mh, 0, sizeof *mh);
	iov->iov_base = buf;
	iov->iov_len = len;
	mh->msg_iov = iov;
	mh->msg_iovlen = 1;
	if (control != NULL) {
		memset(control, 0, sizeof *control);
		mh->msg_control = control->buf;
		mh->msg_controllen = sizeof control->buf;
	}
}

/* Send one message, with a descriptor if fd is not -1. */
ssize_t
channel_send(int sock, const void *buf, size_t len, int fd)
{
	union channel_control	 control;
	struct msghdr		 mh;
	struct iovec		 iov;
	struct cmsghdr		*cm;

	channel_prepare(&mh, &iov, (void *)buf, len, fd == -1 ? NULL :
	    &control);
	if (fd != -1) {
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof fd);
	}
	return (sendmsg(sock, &mh, MSG_NOSIGNAL));
}

/* Receive one message and the descriptor that may come with it. */
ssize_t
channel_recv(int sock, void *buf, size_t len, int *fd)
{
	union channel_control	 control;
	struct msghdr		 mh;
	struct iovec		 iov;
	struct cmsghdr		*cm;
	ssize_t			 n;

	channel_prepare(&mh, &iov, buf, len, &control);
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n == -1 && errno == EINTR);
	*fd = -1;
	cm = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (cm != NULL && cm->cmsg_level == SOL_SOCKET &&
	    cm->cmsg_type == SCM_RIGHTS)
		memcpy(fd, CMSG_DATA(cm), sizeof *fd);
	return (n);
}
