import { render, screen } from '@testing-library/react';
import { HighlightedText } from './HighlightedText';

describe('HighlightedText', () => {
  it('marks each matched segment and renders the rest as plain text', () => {
    const { container } = render(
      <HighlightedText
        segments={[
          { text: 'Enable ', match: false },
          { text: 'selfHeal', match: true },
          { text: ' or ', match: false },
          { text: 'prune', match: true },
        ]}
      />,
    );

    expect(container).toHaveTextContent('Enable selfHeal or prune');
    expect(
      [...container.querySelectorAll('mark')].map(m => m.textContent),
    ).toEqual(['selfHeal', 'prune']);
  });

  it('shows markup and entities in the text literally, never as HTML', () => {
    const { container } = render(
      <HighlightedText
        segments={[
          { text: '<script>alert(1)</script> &amp; ', match: false },
          { text: '<b>immutable</b>', match: true },
        ]}
      />,
    );

    expect(container).toHaveTextContent(
      '<script>alert(1)</script> &amp; <b>immutable</b>',
    );
    expect(container.querySelector('script, b')).toBeNull();
    expect(screen.getByText('<b>immutable</b>').tagName).toBe('MARK');
  });
});
