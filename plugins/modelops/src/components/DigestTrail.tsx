import { makeStyles, Typography } from '@material-ui/core';
import ErrorIcon from '@material-ui/icons/Error';
import { DigestTrail as Trail } from '@private-ai/plugin-modelops-common';
import { shortDigest } from './format';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    gap: theme.spacing(3),
    flexWrap: 'wrap',
    alignItems: 'flex-start',
  },
  cell: { fontFamily: 'monospace' },
  differs: {
    color: theme.palette.error.main,
    fontWeight: 700,
    display: 'flex',
    alignItems: 'center',
    gap: 4,
  },
}));

const STEPS: Array<[keyof Omit<Trail, 'consistent'>, string]> = [
  ['build', 'build-image result'],
  ['pushInternal', 'pushed to internal registry'],
  ['pushQuay', 'pushed to Quay'],
];

/** The image digest at each step, with the ones that differ from the build marked. */
export const DigestTrail = ({ digests }: { digests: Trail }) => {
  const classes = useStyles();
  const known = STEPS.filter(([key]) => digests[key]);
  if (known.length === 0) return null;
  const reference = digests.build ?? digests[known[0][0]];
  return (
    <div>
      <Typography variant="subtitle2">Image digest at each step</Typography>
      <div className={classes.row}>
        {known.map(([key, label]) => {
          const differs = !digests.consistent && digests[key] !== reference;
          return (
            <div key={key}>
              <Typography variant="caption" color="textSecondary">
                {label}
              </Typography>
              <Typography
                variant="body2"
                className={`${classes.cell} ${differs ? classes.differs : ''}`}
                title={digests[key]}
              >
                {differs && (
                  <ErrorIcon
                    fontSize="small"
                    aria-label="differs from the built image"
                  />
                )}
                {shortDigest(digests[key])}
                {differs && ' ≠ built image'}
              </Typography>
            </div>
          );
        })}
      </div>
    </div>
  );
};
