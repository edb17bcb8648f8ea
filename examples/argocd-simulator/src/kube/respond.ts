import type { ServerResponse } from 'node:http';
import type { KubeStatus } from './status';

export function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function sendStatus(res: ServerResponse, body: KubeStatus) {
  send(res, body.code, body);
}
