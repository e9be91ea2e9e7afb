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
      // Answer once the check and what it changed are stored, so a read right after sees them.
      await Promise.all([run.written, run.stored]);
      return run.row;
    },
    async heartbeatReceived(monitor, ok, at) {
      const run = await worker.heartbeat(monitor, ok, at);
      await run.stored;
    },
    async userDeleted(_userId, monitorIds) {
      for (const id of monitorIds) worker.remove(id);
    },
    status: () => worker.status(),
  };
}
