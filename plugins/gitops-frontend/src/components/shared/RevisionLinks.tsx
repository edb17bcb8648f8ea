import { SourceRevision } from './applications';
import { RevisionLink } from './RevisionLink';

/** Several revisions (one per source of a multi-source application), each linked where possible. */
export const RevisionLinks = (props: { revisions: SourceRevision[] }) => {
  if (props.revisions.length === 0) {
    return <span>—</span>;
  }
  return (
    <>
      {props.revisions.map(({ revision, source }, i) => (
        <span key={`${i}:${revision}`}>
          {i > 0 && ', '}
          <RevisionLink
            revision={revision}
            repoURL={source?.repoURL}
            chart={source?.chart}
          />
        </span>
      ))}
    </>
  );
};
