/** The ceiling for `npm run bench`: a bare fastify route answering a constant JSON body (the size of a real answer). */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = readFileSync(process.env.BODY_FILE!, 'utf8');
const app = Fastify({ logger: false });
app.get('/', async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3103) });
console.log('ready');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
