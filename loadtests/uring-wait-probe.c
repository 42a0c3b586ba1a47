// Does a waiting io_uring_enter wait on this kernel? Parks one poll on an eventfd, then calls
// io_uring_enter(GETEVENTS, min_complete 1) up to 20 times and prints how long they took. On a kernel that waits,
// the first call blocks (the program then needs Ctrl+C or `timeout`); on the reference machine (6.18.44, Firecracker)
// all 20 return at once with an empty completion queue, which is why UringRing sleeps in poll on a registered eventfd.
//   gcc -O2 loadtests/uring-wait-probe.c -o /tmp/uring-wait-probe && timeout 5 /tmp/uring-wait-probe FLAGS MODE
//   FLAGS: io_uring_setup flags (0; 24 = CQSIZE|CLAMP; 12288 = SINGLE_ISSUER|DEFER_TASKRUN); MODE: 0 plain, 1 EXT_ARG with a 1 s timeout
#include <linux/io_uring.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <poll.h>
int main(int argc, char**argv){
  unsigned flags = atoi(argv[1]); int mode = atoi(argv[2]);
  struct io_uring_params p; memset(&p,0,sizeof p);
  p.flags = flags; p.cq_entries=16384;
  int fd = syscall(__NR_io_uring_setup, 4096, &p);
  if (fd<0) { perror("setup"); return 1; }
  size_t sz = p.sq_off.array + p.sq_entries*4; size_t cz = p.cq_off.cqes + p.cq_entries*16; if (cz>sz) sz=cz;
  char* r = mmap(0, sz, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_POPULATE, fd, 0);
  struct io_uring_sqe* sqes = mmap(0, p.sq_entries*64, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_POPULATE, fd, IORING_OFF_SQES);
  int efd = eventfd(0, EFD_CLOEXEC|EFD_NONBLOCK);
  unsigned* sqtail = (unsigned*)(r+p.sq_off.tail); unsigned* sqarr=(unsigned*)(r+p.sq_off.array);
  unsigned* cqhead=(unsigned*)(r+p.cq_off.head); unsigned* cqtail=(unsigned*)(r+p.cq_off.tail);
  struct io_uring_sqe* s=&sqes[0]; memset(s,0,64); s->opcode=IORING_OP_POLL_ADD; s->fd=efd; s->poll32_events=POLLIN; s->user_data=1;
  sqarr[0]=0; __atomic_store_n(sqtail, 1, __ATOMIC_RELEASE);
  int n=0; struct timespec t0; clock_gettime(CLOCK_MONOTONIC,&t0);
  struct __kernel_timespec ts = {1, 0};
  struct io_uring_getevents_arg arg = {0}; arg.ts = (unsigned long)&ts;
  while (n < 20) {
    int x = mode==0 ? syscall(__NR_io_uring_enter, fd, 4096, 1, IORING_ENTER_GETEVENTS, NULL, 0)
                    : syscall(__NR_io_uring_enter, fd, 4096, 1, IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG, &arg, sizeof arg);
    n++;
    struct timespec t1; clock_gettime(CLOCK_MONOTONIC,&t1);
    if ((t1.tv_sec-t0.tv_sec) > 2) break;
  }
  struct timespec t1; clock_gettime(CLOCK_MONOTONIC,&t1);
  printf("flags=%u mode=%d: %d returns in %.3f s, cq %u/%u\n", flags, mode, n, (t1.tv_sec-t0.tv_sec)+(t1.tv_nsec-t0.tv_nsec)/1e9, *cqhead, *cqtail);
}
