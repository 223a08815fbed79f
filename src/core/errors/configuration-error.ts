import { TuneKitError } from './tunekit-error.ts';

/**
 * A client option is missing or invalid. `option` names the constructor option and, where one
 * exists, `envVariable` the environment variable that could have supplied it.
 *
 * @example
 * try { new TuneKit(); } catch (e) { if (e instanceof ConfigurationError) console.error(`set ${e.envVariable ?? e.option}`); }
 */
export class ConfigurationError extends TuneKitError {
  override name = 'ConfigurationError';
  readonly option: string;
  readonly envVariable: string | undefined;

  constructor(message: string, option: string, envVariable?: string) {
    super(message);
    this.option = option;
    this.envVariable = envVariable;
  }
}
