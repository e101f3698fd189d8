// The reference: a bare Fastify "hello" route, measured in the same run as Guichet's pages so that the
// ratio between them means the same on any machine.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => 'hello');
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`ready ${(app.server.address() as { port: number }).port}`);
