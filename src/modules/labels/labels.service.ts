import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../platform/auth/auth-user';
import { AppError } from '../../platform/errors/app-error';
import { ErrorCode } from '../../platform/errors/error-codes';
import { Envelope } from '../../platform/http/envelope';
import { decodeCursor, keysetPage, type PageMeta } from '../../platform/http/pagination';
import { isUniqueViolation } from '../../db/pg-errors';
import type { Db } from '../../db/database';
import type { Label } from '../../db/schema';
import { AccessService } from '../access/access.service';
import { z } from 'zod';
import { toLabelView, type LabelChip, type LabelView } from './label.views';
import type { CreateLabelDto, ListLabelsQueryDto, UpdateLabelDto } from './labels.dto';
import { LabelsRepository } from './labels.repository';

const labelNotFound = () => AppError.notFound(ErrorCode.LABEL_NOT_FOUND, 'Label');
const nameTaken = () =>
  new AppError(ErrorCode.LABEL_NAME_TAKEN, 'The team already has a label with this name', [
    { path: 'name', message: 'already used in this team' },
  ]);
const pageCursor = z.object({ name: z.string() });

/** Labels: every member reads a team's labels; admins create, rename, recolour and delete them. */
@Injectable()
export class LabelsService {
  constructor(
    private readonly repo: LabelsRepository,
    private readonly access: AccessService,
  ) {}

  async list(
    user: AuthUser,
    teamId: string,
    q: ListLabelsQueryDto,
  ): Promise<Envelope<LabelView[], PageMeta>> {
    await this.access.team(user, teamId);
    const after = q.cursor ? decodeCursor(q.cursor, pageCursor).name : undefined;
    const rows = await this.repo.list(teamId, { afterName: after, limit: q.limit });
    const { page, meta } = keysetPage(rows, q.limit, (l) => ({ name: l.name }));
    return new Envelope(page.map(toLabelView), meta);
  }

  async create(user: AuthUser, teamId: string, dto: CreateLabelDto): Promise<LabelView> {
    await this.access.team(user, teamId, 'admin');
    return toLabelView(await uniqueName(() => this.repo.create({ teamId, ...dto })));
  }

  async update(user: AuthUser, id: string, dto: UpdateLabelDto): Promise<LabelView> {
    await this.authorise(user, id);
    const row = await uniqueName(() => this.repo.update(id, dto));
    if (!row) throw labelNotFound();
    return toLabelView(row);
  }

  async delete(user: AuthUser, id: string): Promise<void> {
    await this.authorise(user, id);
    if (!(await this.repo.delete(id))) throw labelNotFound();
  }

  /** The labels of each of these conversations (one query), for conversation views. */
  chipsOf(conversationIds: string[], db?: Db): Promise<Map<string, LabelChip[]>> {
    return this.repo.chipsOf(conversationIds, db);
  }

  /**
   * Sets a conversation's labels inside the caller's transaction, which holds the conversation
   * locked. An id that is not a label of `teamId` is a 404 and nothing is written.
   */
  async replaceConversationLabels(
    tx: Db,
    conversationId: string,
    teamId: string,
    labelIds: string[],
  ): Promise<{ labels: LabelChip[]; changed: boolean }> {
    const result = await this.repo.replaceSet(tx, conversationId, teamId, labelIds);
    if (result.missing.length > 0) {
      throw new AppError(
        ErrorCode.LABEL_NOT_FOUND,
        'Label not found',
        result.missing.map((id) => ({
          path: `labelIds.${labelIds.indexOf(id)}`,
          message: 'not a label of this team',
        })),
      );
    }
    return { labels: result.labels, changed: result.changed };
  }

  /** The label, if the caller is an admin of its team (outside their teams it does not exist). */
  private async authorise(user: AuthUser, id: string): Promise<Label> {
    const label = await this.repo.findById(id);
    if (!label) throw labelNotFound();
    await this.access.teamOf(user, label.teamId, labelNotFound, 'admin');
    return label;
  }
}

async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err, 'labels_team_name_key')) throw nameTaken();
    throw err;
  }
}
