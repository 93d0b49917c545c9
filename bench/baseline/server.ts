/**
 * The floor of a durable send: a minimal Fastify server with a node-postgres pool of the server's size
 * doing one `INSERT ... RETURNING` of a message row per request and replying with JSON.
 * No auth, no validation library, no conversation update: only what any durable send must do.
 */
import Fastify from 'fastify';
import { Pool } from 'pg';
import { uuidv7 } from 'uuidv7';

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 20),
});
pool.on('error', () => undefined);
const app = Fastify({ logger: false });

// messages has unique (conversation_id, seq); the floor takes seq from a process-wide counter far above
// anything the real server assigns in the same conversations, instead of bumping conversations.last_seq.
let seq = 1_000_000_000;

const INSERT = `insert into messages (id, conversation_id, seq, sender, body, client_message_id)
  values ($1, $2, $3, 'visitor', $4, $5) returning *`;

interface SendBody {
  body?: unknown;
  clientMessageId?: unknown;
  conversationId?: unknown;
}

app.post('/api/v1/messages', async (req, reply) => {
  const b = (req.body ?? {}) as SendBody;
  if (
    typeof b.body !== 'string' ||
    typeof b.clientMessageId !== 'string' ||
    typeof b.conversationId !== 'string'
  ) {
    return reply
      .code(400)
      .send({ error: { code: 'VALIDATION_FAILED', message: 'body, clientMessageId, conversationId' } });
  }
  const { rows } = await pool.query(INSERT, [uuidv7(), b.conversationId, seq++, b.body, b.clientMessageId]);
  const r = rows[0];
  return reply.code(201).send({
    data: {
      message: {
        id: r.id,
        conversationId: r.conversation_id,
        seq: r.seq,
        sender: r.sender,
        authorId: r.author_id,
        body: r.body,
        private: r.private,
        clientMessageId: r.client_message_id,
        createdAt: r.created_at,
      },
    },
  });
});

app.get('/health', async () => ({ status: 'ok' }));

const shutdown = () => {
  void app
    .close()
    .then(() => pool.end())
    .finally(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
