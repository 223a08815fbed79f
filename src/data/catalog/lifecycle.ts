import { baseModelOf, defaultCatalog, type ModelCatalog } from './catalog.ts';
import { daysUntil, toDay } from './days.ts';
import type { ModelEntry } from './entry.ts';

/**
 * Where a model is in its life, as far as the catalog and the API know:
 * - `active`: nothing announced within the warning window;
 * - `retiring`: it shuts down, or stops taking new fine-tuning jobs, within the window;
 * - `training-closed`: it still answers, but no new fine-tuning job can start;
 * - `shut-down`: past its shutdown date;
 * - `unknown`: neither the catalog (for this provider) nor the API has dates for it.
 */
export type LifecycleStatus = 'active' | 'retiring' | 'training-closed' | 'shut-down' | 'unknown';

/** What {@link modelLifecycle} found out about one model. */
export interface ModelLifecycle {
  /** The model as asked about. */
  model: string;
  /** The catalog entry it resolved to (a fine-tuned model resolves to its base), or null. */
  catalogId: string | null;
  status: LifecycleStatus;
  /** Whether a new fine-tuning job can start on it; null when nothing is known. */
  canTrain: boolean | null;
  /** `YYYY-MM-DD` when it stops answering, with every model fine-tuned from it. */
  shutdownDate: string | null;
  /** Where the shutdown date came from: the API's own answer wins over the catalog. */
  shutdownSource: 'api' | 'catalog' | null;
  /** Days from today (UTC) to the shutdown: 0 on the day, negative after it. */
  daysLeft: number | null;
  /** `YYYY-MM-DD` after which no new fine-tuning job starts. */
  trainingEndDate: string | null;
  trainingDaysLeft: number | null;
  /** Whether a tool should ask before spending money on it: closed, shut down or retiring. */
  needsConfirmation: boolean;
  /** One or two sentences for a person: what, when, and what to do. */
  message: string;
  /** Where the dates were announced. */
  sources: string[];
}

/** Options of {@link modelLifecycle}. */
export interface LifecycleOptions {
  /** The current time. Required, so that results never depend on a hidden clock. */
  now: Date;
  /** Default: the built-in catalog. */
  catalog?: ModelCatalog | undefined;
  /**
   * Whose dates apply: catalog entries of this provider only (`client.provider.catalogProvider`).
   * OpenAI's dates say nothing about the same model at Azure. Default: `openai`.
   */
  provider?: string | undefined;
  /** The shutdown date the API reported (`model.shutdown_date`); preferred over the catalog. */
  apiShutdownDate?: string | number | null | undefined;
  /** The last day of fine-tuning the API reported (Azure's `deprecation.fine_tune`). */
  apiTrainingEndDate?: string | number | null | undefined;
  /** How close a date must be to need confirmation. Default: 90 days. */
  warnWithinDays?: number | undefined;
}

/** Advice when self-serve fine-tuning at OpenAI has closed. */
const TRAIN_ELSEWHERE =
  "Train elsewhere: Azure AI Foundry serves the same models through the same API (new TuneKit({ provider: 'azure' }), tunekit --provider azure); tunekit's docs/providers.md has the migration steps.";

function describeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days > 0) return `in ${days} days`;
  return days === -1 ? 'yesterday' : `${-days} days ago`;
}

function applies(entry: ModelEntry | undefined, provider: string): ModelEntry | undefined {
  return entry && entry.provider === provider ? entry : undefined;
}

interface Dates {
  shutdown: string | null;
  shutdownSource: 'api' | 'catalog' | null;
  trainingEnd: string | null;
  sources: string[];
}

function datesOf(entry: ModelEntry | undefined, options: LifecycleOptions): Dates {
  const apiShutdown = toDay(options.apiShutdownDate);
  const apiTraining = toDay(options.apiTrainingEndDate);
  const sources = new Set<string>();
  if (!apiShutdown && entry?.shutdownDate) sources.add(entry.shutdownDate.source);
  if (!apiTraining && entry?.trainingEndDate) sources.add(entry.trainingEndDate.source);
  const shutdown = apiShutdown ?? entry?.shutdownDate?.value ?? null;
  return {
    shutdown,
    shutdownSource: apiShutdown ? 'api' : shutdown ? 'catalog' : null,
    trainingEnd: apiTraining ?? entry?.trainingEndDate?.value ?? null,
    sources: [...sources],
  };
}

/**
 * Where a model is in its life — shut down, closed to new fine-tuning jobs, retiring soon, or
 * fine — from the model catalog and, preferred, the dates the API reported. A pure function:
 * pass the current time; the answer for a fine-tuned model is its base model's (fine-tunes
 * share their base model's schedule). `needsConfirmation` tells a CLI or UI to ask before
 * starting a paid job; `message` says why.
 *
 * @example
 * import { modelLifecycle } from 'tunekit/data';
 * const life = modelLifecycle('gpt-4o-mini', { now: new Date('2026-11-22') });
 * life.status; // 'retiring'
 * life.daysLeft; // 53 (shuts down 2027-01-14)
 * life.trainingDaysLeft; // 45 (no new jobs after 2027-01-06)
 * if (life.needsConfirmation) console.warn(life.message);
 */
export function modelLifecycle(model: string, options: LifecycleOptions): ModelLifecycle {
  const { now } = options;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new TypeError(
      `modelLifecycle(${JSON.stringify(model)}): options.now must be a valid Date.`,
    );
  }
  const within = options.warnWithinDays ?? 90;
  if (!Number.isFinite(within) || within < 0) {
    throw new RangeError(
      `modelLifecycle(${JSON.stringify(model)}): warnWithinDays must be a number ≥ 0, got ${within}.`,
    );
  }
  const provider = options.provider ?? 'openai';
  const catalog = options.catalog ?? defaultCatalog;
  const entry = applies(catalog.find(model), provider);
  const dates = datesOf(entry, options);
  const daysLeft = dates.shutdown === null ? null : daysUntil(dates.shutdown, now);
  const trainingDaysLeft = dates.trainingEnd === null ? null : daysUntil(dates.trainingEnd, now);
  const name = entry?.id ?? baseModelOf(model) ?? model;
  const fineTuned = baseModelOf(model) !== undefined;
  const withFineTunes = fineTuned
    ? ', and this fine-tuned model with it'
    : ', with every model fine-tuned from it';

  let status: LifecycleStatus;
  let canTrain: boolean | null;
  let message: string;
  if (daysLeft !== null && daysLeft <= 0) {
    status = 'shut-down';
    canTrain = false;
    message = `${name} shut down ${describeDays(daysLeft)} (${dates.shutdown})${withFineTunes}: it no longer answers or trains.`;
  } else if (
    (trainingDaysLeft !== null && trainingDaysLeft <= 0) ||
    (entry !== undefined && !entry.fineTunable)
  ) {
    status = 'training-closed';
    canTrain = false;
    const closed =
      trainingDaysLeft !== null && trainingDaysLeft <= 0
        ? `New fine-tuning jobs for ${name} closed ${describeDays(trainingDaysLeft)} (${dates.trainingEnd})`
        : `${name} cannot be fine-tuned`;
    const answers =
      daysLeft === null
        ? ''
        : ` It still answers until ${dates.shutdown} (${describeDays(daysLeft)}).`;
    message = `${closed} at ${provider}.${answers}${provider === 'openai' ? ` ${TRAIN_ELSEWHERE}` : ''}`;
  } else if (
    (daysLeft !== null && daysLeft <= within) ||
    (trainingDaysLeft !== null && trainingDaysLeft <= within)
  ) {
    status = 'retiring';
    canTrain = true;
    const parts: string[] = [];
    if (daysLeft !== null) {
      parts.push(
        `${name} shuts down on ${dates.shutdown} (${describeDays(daysLeft)})${withFineTunes}.`,
      );
    }
    if (trainingDaysLeft !== null && (daysLeft === null || trainingDaysLeft < daysLeft)) {
      parts.push(
        `New fine-tuning jobs are accepted until ${dates.trainingEnd} (${describeDays(trainingDaysLeft)}).`,
      );
    }
    if (daysLeft !== null) parts.push(`A model trained now stops answering on ${dates.shutdown}.`);
    message = parts.join(' ');
  } else if (entry !== undefined || dates.shutdown !== null || dates.trainingEnd !== null) {
    status = 'active';
    canTrain = entry ? entry.fineTunable : null;
    message =
      daysLeft === null
        ? `${name}: no shutdown announced.`
        : `${name} shuts down on ${dates.shutdown} (${describeDays(daysLeft)}).`;
  } else {
    status = 'unknown';
    canTrain = null;
    message = `No lifecycle dates for ${model} at ${provider}: the catalog has none for this provider and the API reported none.`;
  }

  return {
    model,
    catalogId: entry?.id ?? null,
    status,
    canTrain,
    shutdownDate: dates.shutdown,
    shutdownSource: dates.shutdownSource,
    daysLeft,
    trainingEndDate: dates.trainingEnd,
    trainingDaysLeft,
    needsConfirmation:
      status === 'retiring' || status === 'training-closed' || status === 'shut-down',
    message,
    sources: dates.sources,
  };
}
