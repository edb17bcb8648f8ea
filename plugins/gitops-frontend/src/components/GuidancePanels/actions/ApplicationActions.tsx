import { useCallback, useState } from 'react';
import { CompoundEntityRef } from '@backstage/catalog-model';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ApplicationDetail,
  GitOpsActionName,
  GitOpsActionRequest,
  RollbackPlan,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { applicationKey } from '../../shared';
import { ActionDialog } from './ActionDialog';
import { FollowStatus } from './FollowStatus';
import { actionLabel, offeredActions, rollbackTarget } from './actionRequests';
import { useActionAvailability } from './useActionAvailability';
import { OperationFollow } from './useFollowOperation';

const useStyles = makeStyles(theme => ({
  // Buttons wrap; each button's reason follows it in the DOM (read right
  // after it) but is laid out below the whole row, at full width.
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  reason: {
    order: 1,
    flexBasis: '100%',
    overflowWrap: 'anywhere',
  },
  follow: {
    marginTop: theme.spacing(1),
  },
}));

/** One action's button and, when it cannot be pressed, why. */
const ActionControl = (props: {
  action: GitOpsActionName;
  entityRef: CompoundEntityRef;
  detail: ApplicationDetail;
  plan: RollbackPlan | undefined;
  reasonId: string;
  onOpen: (action: GitOpsActionName, request: GitOpsActionRequest) => void;
}) => {
  const { action, entityRef, detail, plan, reasonId, onOpen } = props;
  const classes = useStyles();
  const availability = useActionAvailability(action, entityRef, detail, plan);
  const label = actionLabel(action, rollbackTarget(plan));
  const blocked = availability.state === 'blocked' ? availability : undefined;
  return (
    <>
      <Button
        variant="outlined"
        color="primary"
        disabled={availability.state !== 'ready'}
        aria-describedby={blocked ? reasonId : undefined}
        onClick={() => {
          if (availability.state === 'ready') {
            onOpen(action, availability.request);
          }
        }}
        data-testid={`gitops-action-${action}`}
      >
        {label}
      </Button>
      {blocked && (
        // Text, not a tooltip: a disabled button gets no hover or focus.
        <Typography
          id={reasonId}
          variant="body2"
          className={classes.reason}
          data-testid="gitops-action-reason"
        >
          <strong>{label}:</strong> {blocked.reason}
          {blocked.hint && ` ${blocked.hint}`}
        </Typography>
      )}
    </>
  );
};

interface OpenDialog {
  action: GitOpsActionName;
  request: GitOpsActionRequest;
  open: boolean;
  /** A fresh dialog, with fresh options and outcome, each time one opens. */
  key: number;
}

/**
 * The actions the backend accepts for an application (none when
 * `detail.actions` is absent): a button each, disabled with the reason when
 * the viewer's permissions or the application's state do not allow it; a
 * confirmation dialog; and a line that follows the action until it ends.
 */
export const ApplicationActions = (props: {
  entityRef: CompoundEntityRef;
  detail: ApplicationDetail;
  plan: RollbackPlan | undefined;
  follow: OperationFollow;
}) => {
  const { entityRef, detail, plan, follow } = props;
  const classes = useStyles();
  const [dialog, setDialog] = useState<OpenDialog>();
  const onOpen = useCallback(
    (action: GitOpsActionName, request: GitOpsActionRequest) =>
      setDialog(current => ({
        action,
        request,
        open: true,
        key: (current?.key ?? 0) + 1,
      })),
    [],
  );
  const actions = offeredActions(detail);
  if (actions.length === 0) {
    return null;
  }
  const idBase = `gitops-actions-${applicationKey(detail)}`.replace(
    /[^A-Za-z0-9_-]/g,
    '-',
  );
  return (
    <div data-testid="gitops-actions">
      <Typography variant="subtitle2" component="h5" gutterBottom>
        Actions
      </Typography>
      <div className={classes.controls}>
        {actions.map(action => (
          <ActionControl
            key={action}
            action={action}
            entityRef={entityRef}
            detail={detail}
            plan={plan}
            reasonId={`${idBase}-${action}-reason`}
            onOpen={onOpen}
          />
        ))}
      </div>
      {/* Always mounted, so that screen readers announce what appears in it. */}
      <div role="status" aria-live="polite" className={classes.follow}>
        {follow.followed && (
          <FollowStatus
            followed={follow.followed}
            now={follow.now}
            app={detail}
            testId="gitops-operation-follow"
          />
        )}
      </div>
      {dialog && (
        <ActionDialog
          key={dialog.key}
          id={`${idBase}-dialog`}
          open={dialog.open}
          entityRef={entityRef}
          detail={detail}
          plan={plan}
          initialRequest={dialog.request}
          follow={follow}
          onClose={() =>
            setDialog(current => current && { ...current, open: false })
          }
          onExited={() =>
            setDialog(current =>
              current?.key === dialog.key ? undefined : current,
            )
          }
        />
      )}
    </div>
  );
};
