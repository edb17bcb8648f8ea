import { ReactNode } from 'react';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ApplicationSummary } from '@gitops-guide/backstage-plugin-gitops-common';
import { ACTION_TEXT, displayName } from './actionText';
import { FOLLOW_CAP_MS, FollowedAction } from './useFollowOperation';

/** "3 s", "2 min 5 s". */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return seconds < 60
    ? `${seconds} s`
    : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function titleOf(followed: FollowedAction): string {
  const noun = ACTION_TEXT[followed.action].noun;
  return followed.dryRun ? `Dry run of the ${noun.toLowerCase()}` : noun;
}

/** " — <message>" when there is one. */
function withMessage(message: string | undefined): string {
  return message ? ` — ${message}` : '';
}

type StatusIcon = typeof StatusOK;

/** What the line says and the status icon in front of it. */
function describe(
  followed: FollowedAction,
  now: number,
  app: Pick<ApplicationSummary, 'sourceKind' | 'kind' | 'name'>,
): { Icon: StatusIcon; text: ReactNode } {
  const title = titleOf(followed);
  const { end } = followed;
  if (followed.timedOut) {
    return {
      Icon: StatusWarning,
      text: `Stopped following the ${title.toLowerCase()} after ${formatElapsed(
        FOLLOW_CAP_MS,
      )}: it may still be running. The tab keeps updating at its usual pace.`,
    };
  }
  if (!end) {
    return {
      Icon: StatusPending,
      text: (
        <>
          {title} running…{' '}
          {/* Ticks every second: not for the live region to announce each time. */}
          <span aria-hidden="true">
            started {formatElapsed(now - followed.startedAtMs)} ago
          </span>
        </>
      ),
    };
  }
  switch (end.kind) {
    case 'operation':
      return {
        Icon: end.phase === 'Succeeded' ? StatusOK : StatusError,
        // The phase as Argo CD spells it, as everywhere on the tab.
        text: `${title} ended: ${end.phase}${withMessage(end.message)}`,
      };
    case 'reconcile':
      return {
        Icon: end.health === 'Healthy' ? StatusOK : StatusWarning,
        text: `${title} handled: ${displayName(app)} is ${
          end.health
        }${withMessage(end.message)}`,
      };
    case 'suspend':
      return {
        Icon: StatusOK,
        text: end.suspended
          ? `Suspended: Flux no longer applies Git to ${displayName(
              app,
            )} until it is resumed.`
          : `Resumed: Flux applies Git to ${displayName(app)} again.`,
      };
    default:
      return {
        Icon: StatusWarning,
        text: `${title} ended${withMessage(end.message)}`,
      };
  }
}

/**
 * One line on a followed action: running, with the time since it started;
 * then how it ended (the operation's phase and message, the Flux object's
 * health after the reconcile, the suspension), or that following stopped.
 */
export const FollowStatus = (props: {
  followed: FollowedAction;
  now: number;
  app: Pick<ApplicationSummary, 'sourceKind' | 'kind' | 'name'>;
  testId?: string;
}) => {
  const { followed, now, app, testId } = props;
  const { Icon, text } = describe(followed, now, app);
  // The icon's own text is hidden from assistive technology; the words are not.
  return (
    <Box display="flex" alignItems="baseline" data-testid={testId}>
      <Icon />
      <Typography
        variant="body2"
        component="span"
        style={{ overflowWrap: 'anywhere' }}
      >
        {text}
      </Typography>
    </Box>
  );
};
