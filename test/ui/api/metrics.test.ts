import { describe, expect, it } from 'vitest';
import type { FineTuningJobEvent } from '../../../src/index.ts';
import { pointOfEvent, pointsOfRows } from '../../../src/ui/api/metrics.ts';

const event = (fields: Partial<FineTuningJobEvent>): FineTuningJobEvent => ({
  id: 'ftevent-1',
  object: 'fine_tuning.job.event',
  created_at: 1,
  level: 'info',
  message: '',
  ...fields,
});

describe('curve points from events', () => {
  it('reads a metrics event’s data, whatever the accuracy column is called', () => {
    expect(
      pointOfEvent(
        event({
          type: 'metrics',
          data: {
            step: 12,
            total_steps: 90,
            train_loss: 0.5,
            valid_loss: 0.6,
            train_mean_token_accuracy: 0.8,
            valid_accuracy: 0.7,
          },
        }),
      ),
    ).toEqual({
      step: 12,
      totalSteps: 90,
      trainLoss: 0.5,
      validLoss: 0.6,
      trainAccuracy: 0.8,
      validAccuracy: 0.7,
    });
  });

  it('falls back to the service’s wording when the event has no data', () => {
    expect(
      pointOfEvent(event({ message: 'Step 3/10: training loss=1.25, validation loss=1.5' })),
    ).toEqual({
      step: 3,
      totalSteps: 10,
      trainLoss: 1.25,
      validLoss: 1.5,
      trainAccuracy: null,
      validAccuracy: null,
    });
    expect(
      pointOfEvent(event({ data: null, message: 'Step 4/10: training loss=0.9' }))?.validLoss,
    ).toBeNull();
  });

  it('is null for other events and ignores values that are not finite numbers', () => {
    expect(pointOfEvent(event({ message: 'Fine-tuning job started', data: null }))).toBeNull();
    expect(
      pointOfEvent(event({ data: { step: 5, train_loss: 'NaN', valid_loss: Number.NaN } })),
    ).toMatchObject({
      step: 5,
      trainLoss: null,
      validLoss: null,
    });
  });
});

describe('curve points from a result file', () => {
  it('maps the columns and sorts by step, skipping rows without a step', () => {
    expect(
      pointsOfRows([
        {
          step: 2,
          train_loss: 1,
          train_accuracy: 0.5,
          valid_loss: null,
          valid_mean_token_accuracy: null,
        },
        {
          step: 1,
          train_loss: 2,
          train_accuracy: 0.4,
          valid_loss: 2.2,
          valid_mean_token_accuracy: 0.3,
        },
        { train_loss: 9 },
      ]),
    ).toEqual([
      {
        step: 1,
        totalSteps: null,
        trainLoss: 2,
        validLoss: 2.2,
        trainAccuracy: 0.4,
        validAccuracy: 0.3,
      },
      {
        step: 2,
        totalSteps: null,
        trainLoss: 1,
        validLoss: null,
        trainAccuracy: 0.5,
        validAccuracy: null,
      },
    ]);
  });
});
