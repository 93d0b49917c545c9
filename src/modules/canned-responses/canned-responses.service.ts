import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { Envelope } from '../../platform/http/envelope';
import { decodeCursor, keysetPage, type PageMeta } from '../../platform/http/pagination';
import { isUniqueViolation } from '../../db/pg-errors';
import type { CannedResponse } from '../../db/schema';
import { AccessService } from '../access/access.service';
import { toCannedResponseView, type CannedResponseView } from './canned-response.views';
import type {
  CreateCannedResponseDto,
  ListCannedResponsesQueryDto,
  UpdateCannedResponseDto,
} from './canned-responses.dto';
import { CannedResponsesRepository } from './canned-responses.repository';

const notFound = () => AppError.notFound(ErrorCode.CANNED_RESPONSE_NOT_FOUND, 'Canned response');
const pageCursor = z.object({ shortcut: z.string() });

/**
 * Canned responses: every member of a team reads and writes its own; admins (and owners) change
 * anyone's, the author changes theirs.
 */
@Injectable()
export class CannedResponsesService {
  constructor(
    private readonly repo: CannedResponsesRepository,
    private readonly access: AccessService,
  ) {}

  async list(
    user: AuthUser,
    teamId: string,
    q: ListCannedResponsesQueryDto,
  ): Promise<Envelope<CannedResponseView[], PageMeta>> {
    await this.access.team(user, teamId);
    const after = q.cursor ? decodeCursor(q.cursor, pageCursor).shortcut : undefined;
    const rows = await this.repo.list(teamId, { afterShortcut: after, limit: q.limit });
    const { page, meta } = keysetPage(rows, q.limit, (c) => ({ shortcut: c.shortcut }));
    return new Envelope(page.map(toCannedResponseView), meta);
  }

  async create(user: AuthUser, teamId: string, dto: CreateCannedResponseDto): Promise<CannedResponseView> {
    await this.access.team(user, teamId);
    const row = await uniqueShortcut(() => this.repo.create({ ...dto, teamId, authorId: user.id }));
    return toCannedResponseView(row);
  }

  async update(user: AuthUser, id: string, dto: UpdateCannedResponseDto): Promise<CannedResponseView> {
    await this.authorise(user, id);
    const row = await uniqueShortcut(() => this.repo.update(id, dto));
    if (!row) throw notFound();
    return toCannedResponseView(row);
  }

  async delete(user: AuthUser, id: string): Promise<void> {
    await this.authorise(user, id);
    if (!(await this.repo.delete(id))) throw notFound();
  }

  /** The canned response, if the caller is its author or an admin of its team. */
  private async authorise(user: AuthUser, id: string): Promise<CannedResponse> {
    const found = await this.repo.findById(id);
    if (!found) throw notFound();
    const minimum = found.authorId === user.id ? 'agent' : 'admin';
    await this.access.teamOf(user, found.teamId, notFound, minimum);
    return found;
  }
}

async function uniqueShortcut<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err, 'canned_responses_team_shortcut_key')) {
      throw new AppError(
        ErrorCode.SHORTCUT_TAKEN,
        'The team already has a canned response with this shortcut',
        [{ path: 'shortcut', message: 'already used in this team' }],
      );
    }
    throw err;
  }
}
