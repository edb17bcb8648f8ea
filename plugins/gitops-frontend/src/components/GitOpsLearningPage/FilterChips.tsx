import Chip from '@material-ui/core/Chip';

function withCount(label: string, count: number | undefined): string {
  return count === undefined ? label : `${label} (${count})`;
}

/**
 * An "All …" chip and one chip a value, with its count when known; a click
 * on the selected value clears the filter.
 */
export function FilterChips<T extends string>(props: {
  allLabel: string;
  values: T[];
  labels: Record<T, string>;
  counts?: { id: T; count: number }[];
  selected?: T;
  onSelect(value: T | undefined): void;
  variant?: 'outlined';
}) {
  const { allLabel, values, labels, counts, selected, onSelect, variant } =
    props;
  return (
    <>
      <Chip
        label={allLabel}
        variant={variant}
        color={selected ? 'default' : 'primary'}
        onClick={() => onSelect(undefined)}
      />
      {values.map(value => (
        <Chip
          key={value}
          variant={variant}
          label={withCount(
            labels[value],
            counts?.find(f => f.id === value)?.count,
          )}
          color={selected === value ? 'primary' : 'default'}
          onClick={() => onSelect(selected === value ? undefined : value)}
        />
      ))}
    </>
  );
}
