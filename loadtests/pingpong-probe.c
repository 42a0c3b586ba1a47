/* Loopback TCP ping-pong between two threads of one process, blocking send/recv, TCP_NODELAY: what a round trip
 * costs on this machine when both sides sleep between messages (issue 2, docs/benchmarks.md sessions 5 and 6).
 *
 *   gcc -O2 -pthread -o /tmp/pingpong-probe loadtests/pingpong-probe.c
 *   /tmp/pingpong-probe 32                  # the scheduler places the threads (here: on different vCPUs)
 *   taskset -c 0 /tmp/pingpong-probe 32     # both threads on one vCPU
 *   /tmp/pingpong-probe 32 spin             # the echoing thread polls (MSG_DONTWAIT) instead of sleeping: the
 *                                           # fastest any server can answer a client that sleeps (issue 2, session 7)
 *
 * Prints the wall time and the process's CPU time per round trip, then the cost of a trivial system call. Loopback
 * only; 200,000 round trips, then it exits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <time.h>
static int N=200000, SZ=32, SPIN=0;
static void* server(void* a){
  int ls=*(int*)a; int c=accept(ls,0,0); int one=1; setsockopt(c,IPPROTO_TCP,TCP_NODELAY,&one,4);
  char buf[65536];
  for(;;){ int got=0; while(got<SZ){int r=recv(c,buf+got,SZ-got,SPIN?MSG_DONTWAIT:0); if(r<0&&SPIN) continue; if(r<=0) return 0; got+=r;} send(c,buf,SZ,0);}
}
static double now(){struct timespec t; clock_gettime(CLOCK_MONOTONIC,&t); return t.tv_sec+t.tv_nsec*1e-9;}
static double cpu(){struct rusage r; getrusage(RUSAGE_SELF,&r); return r.ru_utime.tv_sec+r.ru_utime.tv_usec*1e-6+r.ru_stime.tv_sec+r.ru_stime.tv_usec*1e-6;}
static double scpu(){struct rusage r; getrusage(RUSAGE_SELF,&r); return r.ru_stime.tv_sec+r.ru_stime.tv_usec*1e-6;}
int main(int argc,char**argv){
  if(argc>1) SZ=atoi(argv[1]);
  if(argc>2) SPIN=strcmp(argv[2],"spin")==0;
  int ls=socket(AF_INET,SOCK_STREAM,0); struct sockaddr_in a={0}; a.sin_family=AF_INET; a.sin_addr.s_addr=htonl(INADDR_LOOPBACK);
  bind(ls,(void*)&a,sizeof a); listen(ls,10); socklen_t l=sizeof a; getsockname(ls,(void*)&a,&l);
  pthread_t t; pthread_create(&t,0,server,&ls);
  int c=socket(AF_INET,SOCK_STREAM,0); connect(c,(void*)&a,sizeof a); int one=1; setsockopt(c,IPPROTO_TCP,TCP_NODELAY,&one,4);
  char buf[65536]; memset(buf,1,sizeof buf);
  double t0=now(), c0=cpu(), s0=scpu();
  for(int i=0;i<N;i++){ send(c,buf,SZ,0); int got=0; while(got<SZ){int r=recv(c,buf+got,SZ-got,0); got+=r;} }
  double dt=now()-t0, dc=cpu()-c0, ds=scpu()-s0;
  printf("size %d: %.1f us/rtt, %.0f rtt/s, cpu both sides %.1f us/rtt (sys %.1f)\n",SZ,dt/N*1e6,N/dt,dc/N*1e6,ds/N*1e6);
  /* syscall cost */
  double g0=now(); for(int i=0;i<1000000;i++) getppid(); printf("getppid %.3f us\n",(now()-g0));
  return 0;
}
