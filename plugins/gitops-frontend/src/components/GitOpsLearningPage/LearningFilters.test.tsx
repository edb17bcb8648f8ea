import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import { TOPICS } from './__fixtures__/knowledge';
import { LearningFilters } from './LearningFilters';

describe('LearningFilters', () => {
  it('shows the Topic label above "Any topic", not on top of it', async () => {
    const onFiltersChange = jest.fn();
    await renderInTestApp(
      <LearningFilters
        text=""
        onTextChange={jest.fn()}
        filters={{}}
        onFiltersChange={onFiltersChange}
        facets={TOPICS}
      />,
    );

    // Labelled "Topic" for assistive technology, showing its empty value.
    const select = screen.getByRole('combobox', { name: 'Topic' });
    expect(select).toHaveDisplayValue('Any topic');
    // The label is shrunk into the outline's notch even though the value is
    // empty (MUI would otherwise lay it over the value as a placeholder).
    const label = document.querySelector(`label[for="${select.id}"]`)!;
    expect(label).toHaveTextContent('Topic');
    expect(label.className).toMatch(/MuiInputLabel-shrink/);
    expect(
      select.parentElement!.querySelector('fieldset > legend')!.className,
    ).toMatch(/legendNotched/);

    fireEvent.change(select, { target: { value: 'argocd' } });
    expect(onFiltersChange).toHaveBeenLastCalledWith({ topic: 'argocd' });
    fireEvent.change(select, { target: { value: '' } });
    expect(onFiltersChange).toHaveBeenLastCalledWith({ topic: undefined });
  });
});
