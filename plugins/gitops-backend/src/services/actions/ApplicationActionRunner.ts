import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  gitopsActionPermissions,
  type GitOpsActionName,
  type GitOpsActionRequest,
  type GitOpsActionResponse,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import type {
  ApplicationRef,
  ApplicationStatusService,
} from '../applications/types';
import type { EntityLoader } from '../entities/EntityLoader';

/** "roll back", for "You may not roll back the applications of …". */
const VERBS: Record<GitOpsActionName, string> = {
  refresh: 'refresh',
  sync: 'sync',
  rollback: 'roll back',
  reconcile: 'reconcile',
  suspend: 'suspend',
  resume: 'resume',
};

/** One action as the route received it. */
export interface ActionCall {
  /** The incoming request, for the audit event's actor and origin. */
  request: Request;
  credentials: BackstageCredentials;
  entityRef: CompoundEntityRef;
  application: ApplicationRef;
  action: GitOpsActionRequest;
}

function actorOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef
    : principal.subject;
}

/**
 * Runs an action for a caller, in the order that keeps it safe: the entity
 * is read with the caller's credentials (an unreadable one is a 404, as for
 * reads), the action's permission is authorized on that entity (a denial is
 * a 403 and nothing reaches the upstream), then the application status
 * service checks membership and state and sends the write once. Every
 * attempt, allowed or not, is one audit event: actor, entity, application,
 * action, parameters and outcome.
 */
export class ApplicationActionRunner {
  readonly #entities: EntityLoader;
  readonly #permissions: PermissionsService;
  readonly #auditor: AuditorService;
  readonly #applications: ApplicationStatusService;

  constructor(options: {
    entities: EntityLoader;
    permissions: PermissionsService;
    auditor: AuditorService;
    applications: ApplicationStatusService;
  }) {
    this.#entities = options.entities;
    this.#permissions = options.permissions;
    this.#auditor = options.auditor;
    this.#applications = options.applications;
  }

  async run(call: ActionCall): Promise<GitOpsActionResponse> {
    const { application, action } = call;
    const entityRef = stringifyEntityRef(call.entityRef);
    const { action: actionType, ...parameters } = action;
    const event = await this.#auditor.createEvent({
      eventId: 'application-action',
      severityLevel: 'medium',
      request: call.request,
      meta: {
        actionType,
        entityRef,
        application: { ...application },
        parameters,
      },
    });
    try {
      const response = await this.#authorizedRun(call, entityRef);
      await event.success({
        meta: {
          outcome: response.dryRun ? 'dry-run' : 'done',
          message: response.message,
        },
      });
      return response;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  async #authorizedRun(
    call: ActionCall,
    entityRef: string,
  ): Promise<GitOpsActionResponse> {
    const { credentials, application, action } = call;
    // Fresh: an action goes by the entity's annotations as they are now.
    const target = await this.#entities.loadTarget(
      call.entityRef,
      credentials,
      {
        fresh: true,
      },
    );
    if (!target) {
      throw new NotFoundError(
        `Entity '${entityRef}' has no GitOps annotations, so it has no applications to act on`,
      );
    }
    const permission = gitopsActionPermissions[action.action];
    const [decision] = await this.#permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${
          VERBS[action.action]
        } the applications of '${entityRef}': the permission policy does not grant ${
          permission.name
        } on it`,
      );
    }
    const run = this.#applications.runAction;
    if (!run) {
      throw new NotFoundError(
        'The application status service in this backend takes no actions',
      );
    }
    return run.call(this.#applications, target, application, action, {
      refreshKey: entityRef,
      actor: actorOf(credentials),
    });
  }
}
