// node dist/main.js PORT — prints "listening on ws://127.0.0.1:PORT/socket.io/" when ready.
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  // Not every signal (Nest's default list has SIGUSR2, which collects garbage here instead).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(Number(process.argv[2] ?? 0), '127.0.0.1');
  const address = app.getHttpServer().address();
  console.log(`listening on ws://127.0.0.1:${address.port}/socket.io/`);
}
// With --expose-gc, SIGUSR2 collects garbage before a memory reading (bench/peers.mjs).
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
bootstrap();
