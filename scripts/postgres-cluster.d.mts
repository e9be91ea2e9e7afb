// Types of postgres-cluster.mjs, for tests/support/postgres.ts.

export declare const PG_BIN: string;

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres, trust authentication. */
  adminUrl: string;
  port: number;
  /** The temporary directory: data/, postgres.log and the Unix socket. */
  dir: string;
  /** Fast shutdown, then the directory is removed. Safe to call twice. */
  stop(): Promise<void>;
  /** Immediate shutdown and removal, for exit paths that cannot wait. */
  stopSync(): void;
}

export declare function isPostgresUrl(url: string | undefined): boolean;
export declare function hasPostgres(): boolean;
/** `signals: false`: no SIGINT/SIGTERM/SIGHUP handlers; the caller stops the cluster itself. */
export declare function startCluster(opts?: { port?: number; signals?: boolean }): Promise<PostgresCluster>;
export declare function createDatabase(adminUrl: string, prefix?: string, template?: string): Promise<string>;
export declare function databaseNameOf(url: string): string;
export declare function dropDatabase(url: string, adminUrl?: string): Promise<void>;
