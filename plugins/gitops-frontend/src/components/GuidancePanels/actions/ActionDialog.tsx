import { useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  ApplicationDetail,
  GitOpsActionRequest,
  RollbackPlan,
  actionRefusal,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { gitOpsApiRef } from '../../../api';
import { applicationRef } from '../../shared';
import { ActionDescription } from './ActionDescription';
import { ActionOptions } from './ActionOptions';
import { ActionOutcome } from './ActionOutcome';
import { ACTION_TEXT, displayName } from './actionText';
import { rollbackTarget, supportsDryRun, targetText } from './actionRequests';
import { OperationFollow } from './useFollowOperation';

function withDryRun(
  request: GitOpsActionRequest,
  dryRun: boolean,
): GitOpsActionRequest {
  return request.action === 'sync' || request.action === 'rollback'
    ? { ...request, dryRun }
    : request;
}

/** "Roll back payments-api-prod to #44 (dadcc6b)", "Suspend Kustomization podinfo". */
function dialogTitle(
  request: GitOpsActionRequest,
  detail: ApplicationDetail,
  plan: RollbackPlan | undefined,
): string {
  const title = `${ACTION_TEXT[request.action].label} ${displayName(detail)}`;
  const target = rollbackTarget(plan);
  return request.action === 'rollback' && target
    ? `${title} to ${targetText(target)}`
    : title;
}

/**
 * Confirms an action: restates what will happen and to what, takes the
 * options, offers a dry run where Argo CD has one, and shows the outcome in
 * place, so an error can be read before the dialog is closed. A real action
 * that succeeded is followed by the panel until it ends.
 */
export const ActionDialog = (props: {
  open: boolean;
  /** Unique on the page: names the dialog's title. */
  id: string;
  entityRef: CompoundEntityRef;
  detail: ApplicationDetail;
  plan: RollbackPlan | undefined;
  initialRequest: GitOpsActionRequest;
  follow: OperationFollow;
  onClose: () => void;
  onExited: () => void;
}) => {
  const { open, id, entityRef, detail, follow, onClose, onExited } = props;
  const api = useApi(gitOpsApiRef);
  const [request, setRequest] = useState(props.initialRequest);
  // The plan the viewer confirmed: it changes once the rollback has run.
  const [plan] = useState(props.plan);
  const followId = useRef<number>();
  // Which button was pressed, for its progress indicator.
  const [pressed, setPressed] = useState<'dry-run' | 'confirm'>();
  const [sent, send] = useAsyncFn(
    async (dryRun: boolean) => {
      setPressed(dryRun ? 'dry-run' : 'confirm');
      const body = withDryRun(request, dryRun);
      followId.current = undefined;
      const response = await api.runAction(
        entityRef,
        applicationRef(detail),
        body,
      );
      followId.current = follow.start(body, response);
      return response;
    },
    [api, entityRef, detail, request, follow.start],
  );

  const running = sent.loading;
  const done = Boolean(sent.value && !sent.value.dryRun && !running);
  // The application may change while the dialog is open (a dry run starts an
  // operation too): the same checks as the button, on the latest detail.
  const refusal = done
    ? undefined
    : actionRefusal(detail, withDryRun(request, false));
  const followed =
    followId.current !== undefined && follow.followed?.id === followId.current
      ? follow.followed
      : undefined;
  const titleId = `${id}-title`;
  const progress = (button: typeof pressed) =>
    running && pressed === button ? (
      <CircularProgress size={16} color="inherit" aria-hidden />
    ) : undefined;
  const confirm = ACTION_TEXT[request.action].label;

  return (
    <Dialog
      open={open}
      onClose={running ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
      TransitionProps={{ onExited }}
      PaperProps={
        { 'data-testid': 'gitops-action-dialog' } as Record<string, string>
      }
    >
      <DialogTitle id={titleId}>
        {dialogTitle(request, detail, plan)}
      </DialogTitle>
      {/* Messages quote revisions and resource names: wrap them, never scroll sideways. */}
      <DialogContent dividers style={{ overflowWrap: 'anywhere' }}>
        <Box display="flex" flexDirection="column" gridGap={16}>
          <ActionDescription request={request} detail={detail} plan={plan} />
          {!done && (
            <div>
              <ActionOptions
                request={request}
                onChange={setRequest}
                disabled={running}
              />
            </div>
          )}
          {refusal && !running && (
            <Alert severity="warning" data-testid="gitops-action-refusal">
              {refusal.reason} {refusal.hint}
            </Alert>
          )}
          <ActionOutcome
            response={running ? undefined : sent.value}
            error={running ? undefined : sent.error}
            followed={followed}
            now={follow.now}
            detail={detail}
          />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={running}>
          {done ? 'Close' : 'Cancel'}
        </Button>
        {!done && supportsDryRun(request.action) && (
          <Button
            variant="outlined"
            color="primary"
            onClick={() => send(true)}
            disabled={running || Boolean(refusal)}
            data-testid="gitops-action-dry-run"
            startIcon={progress('dry-run')}
          >
            Dry run
          </Button>
        )}
        {!done && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => send(false)}
            disabled={running || Boolean(refusal)}
            data-testid="gitops-action-confirm"
            startIcon={progress('confirm')}
          >
            {confirm}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};
