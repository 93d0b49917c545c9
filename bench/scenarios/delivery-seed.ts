import { JwtService } from '@nestjs/jwt';
import { parseEnv } from '../../src/config/env.schema';
import { VisitorTokenService } from '../../src/modules/visitors/visitor-token.service';
import { connect } from '../lib/pg';
import { JWT_SECRET } from '../lib/proc';
import type { LoadVisitor } from '../lib/widget-load-protocol';

/**
 * N visitors with one open conversation each, in two SQL statements, and their visitor tokens signed
 * here with the servers' secret by the server's own VisitorTokenService (the API would cost two
 * requests per conversation: seconds at N=5,000 on this machine).
 */
export async function seedConversations(
  databaseUrl: string,
  projectId: string,
  n: number,
): Promise<LoadVisitor[]> {
  const db = await connect(databaseUrl);
  try {
    const { rows } = await db.query<{ visitor_id: string; conversation_id: string }>(
      `with v as (insert into visitors (id, project_id) select gen_random_uuid(), $1 from generate_series(1, $2) returning id)
       insert into conversations (id, project_id, visitor_id, status, last_seq, last_message_at)
       select gen_random_uuid(), $1, v.id, 'open', 0, now() from v
       returning visitor_id, id as conversation_id`,
      [projectId, n],
    );
    await db.query('analyze visitors');
    await db.query('analyze conversations');
    const tokens = new VisitorTokenService(new JwtService(), parseEnv({ NODE_ENV: 'test', JWT_SECRET }));
    return rows.map((r) => ({
      visitorToken: tokens.sign(r.visitor_id, projectId),
      conversationId: r.conversation_id,
    }));
  } finally {
    await db.end();
  }
}
