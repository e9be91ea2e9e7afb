// A request body reaches the server framed, whatever the method: Node sends Content-Length (or
// chunked) on its own only for methods it expects a body on, so DELETE and OPTIONS bodies used
// to go out unframed and the server answered 400.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCheck } from '@/lib/checker/run-check';
import type { HttpMethod } from '@/lib/checker/types';
import { httpProbe, OPEN, startHttpServer, type TestServer } from './helpers';
import { testRoutes } from './routes';

let server: TestServer;
beforeAll(async () => {
  server = await startHttpServer(testRoutes);
});
afterAll(() => server.close());

it.each<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('%s sends its body with a Content-Length', async (method) => {
  const body = `{"method":"${method}","text":"héllo"}`;
  const outcome = await runCheck(
    httpProbe(`${server.origin}/echo`, {
      method,
      body,
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      jsonAssertions: [
        { path: 'method', op: '==', value: method },
        { path: 'body', op: '==', value: body },
        { path: 'headers["content-length"]', op: '==', value: String(Buffer.byteLength(body)) },
      ],
    }),
    OPEN,
  );
  expect(outcome).toMatchObject({ status: 'UP', statusCode: 200, error: null });
});
