import { Fragment } from 'react';
import { TextSegment } from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * A search snippet: each matched segment in a `<mark>`, the rest as plain
 * text. Segments are rendered as React text, never parsed as HTML, so
 * whatever the entry says shows literally.
 */
export const HighlightedText = (props: { segments: TextSegment[] }) => (
  <>
    {props.segments.map((segment, i) =>
      segment.match ? (
        <mark key={i}>{segment.text}</mark>
      ) : (
        <Fragment key={i}>{segment.text}</Fragment>
      ),
    )}
  </>
);
