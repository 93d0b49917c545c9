import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../platform/auth/auth-user';
import { randomToken } from '../../platform/crypto';
import { AppError } from '../../platform/errors/app-error';
import { DomainEvents } from '../../platform/events/domain-events';
import { ErrorCode } from '../../platform/errors/error-codes';
import type { Project } from '../../db/schema';
import { AccessService } from '../access/access.service';
import {
  toProjectResponse,
  toProjectWithSecret,
  type CreateProjectDto,
  type ProjectResponseDto,
  type ProjectWithSecretResponseDto,
  type UpdateProjectDto,
} from './projects.dto';
import { ProjectCache } from './project-cache';
import { ProjectsRepository, type ProjectChanges } from './projects.repository';

export const newPublicKey = (): string => randomToken('pk_', 18);
const newSecret = (): string => randomToken('sk_', 32);

@Injectable()
export class ProjectsService {
  private readonly cache = new ProjectCache();

  constructor(
    private readonly repo: ProjectsRepository,
    private readonly access: AccessService,
    private readonly events: DomainEvents,
  ) {}

  async create(user: AuthUser, dto: CreateProjectDto): Promise<ProjectWithSecretResponseDto> {
    await this.access.team(user, dto.teamId, 'admin');
    const project = await this.repo.create({ ...dto, publicKey: newPublicKey(), secret: newSecret() });
    this.events.publish({ type: 'access.changed', teamId: project.teamId, userId: user.id });
    return toProjectWithSecret(project);
  }

  async list(user: AuthUser, teamId?: string): Promise<ProjectResponseDto[]> {
    // Filtering by a team the caller is not in is a 404, like every other route naming that team.
    if (teamId) await this.access.team(user, teamId);
    return (await this.repo.listForUser(user.id, teamId)).map(toProjectResponse);
  }

  async get(user: AuthUser, projectId: string): Promise<ProjectResponseDto> {
    return toProjectResponse(await this.access.project(user, projectId));
  }

  async update(user: AuthUser, projectId: string, dto: UpdateProjectDto): Promise<ProjectResponseDto> {
    await this.access.project(user, projectId, 'admin');
    const { settings, ...changes } = dto;
    return toProjectResponse(await this.change(projectId, { ...changes, settingsPatch: settings }));
  }

  async delete(user: AuthUser, projectId: string): Promise<void> {
    const project = await this.access.project(user, projectId, 'admin');
    await this.repo.delete(projectId);
    this.cache.invalidate(projectId);
    this.events.publish({ type: 'access.changed', teamId: project.teamId });
  }

  /** New public key: widgets embedding the old key stop loading; visitors and their tokens are kept. */
  async rotateKey(user: AuthUser, projectId: string): Promise<ProjectResponseDto> {
    await this.access.project(user, projectId, 'admin');
    return toProjectResponse(await this.change(projectId, { publicKey: newPublicKey() }));
  }

  async rotateSecret(user: AuthUser, projectId: string): Promise<ProjectWithSecretResponseDto> {
    await this.access.project(user, projectId, 'admin');
    return toProjectWithSecret(await this.change(projectId, { secret: newSecret() }));
  }

  private async change(projectId: string, changes: ProjectChanges): Promise<Project> {
    const project = await this.repo.update(projectId, changes);
    this.cache.invalidate(projectId);
    if (!project) throw AppError.notFound(ErrorCode.PROJECT_NOT_FOUND, 'Project');
    return project;
  }

  /** Widget lookup by public key (cached briefly: it runs on every widget request). */
  async findByPublicKey(publicKey: string): Promise<Project | undefined> {
    const cached = this.cache.byPublicKey(publicKey);
    if (cached) return cached;
    const project = await this.repo.findByPublicKey(publicKey);
    return project && this.cache.set(project);
  }

  async findById(projectId: string): Promise<Project | undefined> {
    const cached = this.cache.byProjectId(projectId);
    if (cached) return cached;
    const project = await this.repo.findById(projectId);
    return project && this.cache.set(project);
  }
}
