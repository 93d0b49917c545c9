/**
 * The floor of a durable send: a minimal Fastify server with a node-postgres pool of the server's size
 * doing one `INSERT ... RETURNING` of a message row per request and replying with JSON.
 * No auth, no validation library, no conversation update: only what any durable send must do.
 *
 * With BASELINE_SQL=append it runs the server's own append statement instead (prepared, as the server
 * does: conversation update, message, outbox rows), so the bench can split the server's distance to
 * the floor into what its SQL costs and what its Node side costs.
 */
import Fastify from 'fastify';
import { Pool } from 'pg';
import { uuidv7 } from 'uuidv7';
import { APPEND } from '../../src/modules/messages/messages.repository';

const RUN_APPEND = process.env.BASELINE_SQL === 'append';

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
  const r = RUN_APPEND
    ? await append(b.conversationId, b.body, b.clientMessageId, visitorIdOf(req.headers['x-visitor-token']))
    : (await pool.query(INSERT, [uuidv7(), b.conversationId, seq++, b.body, b.clientMessageId])).rows[0];
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

/** The token's visitor, read without verifying it (the floor does no auth; the statement needs the id). */
function visitorIdOf(token: unknown): string | null {
  if (typeof token !== 'string') return null;
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}');
  return typeof claims.vid === 'string' ? claims.vid : null;
}

async function append(
  conversationId: string,
  body: string,
  clientMessageId: string,
  visitorId: string | null,
) {
  const params = [conversationId, uuidv7(), 'visitor', null, body, false, clientMessageId, visitorId];
  const { rows } = await pool.query({ name: APPEND.name, text: APPEND.text, values: params });
  const m = rows[0].message;
  return { ...m, created_at: new Date(m.created_at) };
}

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
