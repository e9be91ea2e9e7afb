// Runs once when the server starts. The worker needs Node APIs (sockets, SQLite), so it is
// loaded only in the Node.js runtime, and through a dynamic import so the edge bundle never sees it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { boot } = await import('./lib/boot');
    await boot();
  }
}
