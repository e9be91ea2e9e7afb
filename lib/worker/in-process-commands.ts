import type { WorkerCommands } from '@/lib/worker/command-port';
import type { MonitorWorker } from '@/lib/worker/monitor-worker';

/** The command port for a single process: every command goes straight to this process's worker. */
export function inProcessCommands(worker: MonitorWorker): WorkerCommands {
  return {
    async monitorChanged(monitor) {
      worker.sync(monitor);
    },
    async monitorRemoved(monitorId) {
      worker.remove(monitorId);
    },
    async checkNow(monitor) {
      const run = await worker.checkNow(monitor);
      await run.written;
      return run.row;
    },
    async heartbeatReceived(monitor, ok, at) {
      await worker.heartbeat(monitor, ok, at);
    },
    async userDeleted(_userId, monitorIds) {
      for (const id of monitorIds) worker.remove(id);
    },
    status: () => ({ running: worker.running, scheduled: worker.scheduled }),
  };
}
