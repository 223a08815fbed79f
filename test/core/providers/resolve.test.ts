import { describe, expect, it } from 'vitest';
import { resolveClientOptions } from '../../../src/core/options.ts';
import { ConfigurationError } from '../../../src/index.ts';

const OPENAI_KEY = 'sk-openai-0123456789abcdef';
const AZURE_KEY = 'azure-key-0123456789abcdef';

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('choosing the provider', () => {
  const both = {
    OPENAI_API_KEY: OPENAI_KEY,
    AZURE_OPENAI_API_KEY: AZURE_KEY,
    AZURE_OPENAI_ENDPOINT: 'https://my-resource.openai.azure.com',
  };

  it('is openai when nothing says otherwise, even with Azure variables set', () => {
    const resolved = resolveClientOptions({}, both);
    expect(resolved.provider.name).toBe('openai');
    expect(resolved.apiKey).toBe(OPENAI_KEY);
    expect(resolved.baseURL).toBe('https://api.openai.com/v1');
  });

  it('is the explicit option over TUNEKIT_PROVIDER', () => {
    const env = { ...both, TUNEKIT_PROVIDER: 'openai' };
    expect(resolveClientOptions({ provider: 'azure' }, env).provider.name).toBe('azure');
    expect(resolveClientOptions({}, { ...both, TUNEKIT_PROVIDER: 'azure' }).provider.name).toBe(
      'azure',
    );
  });

  it('rejects an unknown provider naming where it came from', () => {
    const fromEnv = configurationError(() =>
      resolveClientOptions({}, { TUNEKIT_PROVIDER: 'bedrock' }),
    );
    expect(fromEnv.option).toBe('provider');
    expect(fromEnv.envVariable).toBe('TUNEKIT_PROVIDER');
    expect(fromEnv.message).toContain('"bedrock"');
  });

  it('points at provider azure when the OpenAI key is missing but Azure variables are set', () => {
    const error = configurationError(() =>
      resolveClientOptions({}, { AZURE_OPENAI_API_KEY: AZURE_KEY }),
    );
    expect(error.envVariable).toBe('OPENAI_API_KEY');
    expect(error.message).toContain("provider: 'azure'");
    expect(error.message).not.toContain(AZURE_KEY);
  });
});

describe('the azure provider', () => {
  it('reads AZURE_OPENAI_* and OPENAI_API_VERSION, never OPENAI_API_KEY', () => {
    const resolved = resolveClientOptions(
      { provider: 'azure' },
      {
        OPENAI_API_KEY: OPENAI_KEY,
        AZURE_OPENAI_API_KEY: AZURE_KEY,
        AZURE_OPENAI_ENDPOINT: 'https://my-resource.openai.azure.com/',
        OPENAI_API_VERSION: 'preview',
      },
    );
    expect(resolved.apiKey).toBe(AZURE_KEY);
    expect(resolved.baseURL).toBe('https://my-resource.openai.azure.com/openai/v1');
    expect(resolved.provider.headers(AZURE_KEY)).toEqual({ 'api-key': AZURE_KEY });
    expect(resolved.provider.query).toEqual({ 'api-version': 'preview' });
  });

  it('refuses to send an OpenAI key to Azure', () => {
    const error = configurationError(() =>
      resolveClientOptions(
        { provider: 'azure', endpoint: 'https://r.openai.azure.com' },
        { OPENAI_API_KEY: OPENAI_KEY },
      ),
    );
    expect(error.option).toBe('apiKey');
    expect(error.envVariable).toBe('AZURE_OPENAI_API_KEY');
  });

  it.each([
    ['https://r.openai.azure.com', 'https://r.openai.azure.com/openai/v1'],
    ['https://r.openai.azure.com/openai', 'https://r.openai.azure.com/openai/v1'],
    ['https://r.services.ai.azure.com/openai/v1/', 'https://r.services.ai.azure.com/openai/v1'],
    ['http://127.0.0.1:4010/openai/v1', 'http://127.0.0.1:4010/openai/v1'],
  ])('turns the endpoint %s into the v1 base URL %s', (endpoint, baseURL) => {
    const resolved = resolveClientOptions({ provider: 'azure', apiKey: AZURE_KEY, endpoint }, {});
    expect(resolved.baseURL).toBe(baseURL);
  });

  it.each([
    [{ apiVersion: '2024-10-21' }, 'apiVersion', /older \/openai\/deployments API/],
    [{ apiVersion: 'latest' }, 'apiVersion', /'v1' or 'preview'/],
    [{ endpoint: 'my-resource' }, 'endpoint', /http\(s\) URL/],
    [{ endpoint: undefined }, 'endpoint', /AZURE_OPENAI_ENDPOINT/],
    [{ baseURL: 'https://r.openai.azure.com/openai/v1' }, 'endpoint', /not both/],
    [{ organization: 'org-1' }, 'organization', /provider 'azure'/],
    [{ authHeader: 'x-key' }, 'authHeader', /provider 'compatible'/],
    [{ deployments: { 'gpt-4o': '' } }, 'deployments', /name of an Azure deployment/],
  ])('rejects %o naming %s', (options, option, message) => {
    const error = configurationError(() =>
      resolveClientOptions(
        {
          provider: 'azure',
          apiKey: AZURE_KEY,
          endpoint: 'https://r.openai.azure.com',
          ...options,
        },
        {},
      ),
    );
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(AZURE_KEY);
  });

  it('says which variable held a bad api-version', () => {
    const error = configurationError(() =>
      resolveClientOptions(
        { provider: 'azure', apiKey: AZURE_KEY, endpoint: 'https://r.openai.azure.com' },
        { OPENAI_API_VERSION: '2024-02-01' },
      ),
    );
    expect(error.message).toContain('OPENAI_API_VERSION=2024-02-01');
  });

  it('maps models to deployments for chat and spells the training tiers as Azure does', () => {
    const { provider } = resolveClientOptions(
      {
        provider: 'azure',
        apiKey: AZURE_KEY,
        endpoint: 'https://r.openai.azure.com',
        deployments: { 'gpt-4o-mini-2024-07-18.ft-abc': 'support-bot' },
      },
      {},
    );
    expect(provider.chatModel('gpt-4o-mini-2024-07-18.ft-abc')).toBe('support-bot');
    expect(provider.chatModel('gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(provider.jobCreateBody({ model: 'm', trainingType: 'Developer' })).toEqual({
      model: 'm',
      trainingType: 'developerTier',
    });
    expect(provider.jobCreateBody({ model: 'm', trainingType: 'GlobalStandard' })).toEqual({
      model: 'm',
      trainingType: 'GlobalStandard',
    });
    expect(provider.whyNot('models.delete')).toMatch(/Foundry portal/);
    expect(provider.whyNot('jobs.trainingType')).toBeUndefined();
  });
});

describe('the compatible provider', () => {
  it('needs a base URL and takes the key in any header with any scheme', () => {
    const error = configurationError(() =>
      resolveClientOptions({ provider: 'compatible', apiKey: OPENAI_KEY }, {}),
    );
    expect(error.option).toBe('baseURL');

    const custom = resolveClientOptions(
      {
        provider: 'compatible',
        baseURL: 'https://gateway.example/v1',
        apiKey: OPENAI_KEY,
        authHeader: 'X-Portkey-Api-Key',
      },
      {},
    );
    expect(custom.provider.headers(OPENAI_KEY)).toEqual({ 'x-portkey-api-key': OPENAI_KEY });
    expect(custom.provider.authHeader).toBe('x-portkey-api-key');

    const bearer = resolveClientOptions(
      { provider: 'compatible', baseURL: 'https://gateway.example/v1' },
      { OPENAI_API_KEY: OPENAI_KEY, OPENAI_ORG_ID: 'org-not-for-gateways' },
    );
    expect(bearer.provider.headers(OPENAI_KEY)).toEqual({ authorization: `Bearer ${OPENAI_KEY}` });

    const token = resolveClientOptions(
      {
        provider: 'compatible',
        baseURL: 'https://gateway.example/v1',
        apiKey: OPENAI_KEY,
        authHeader: 'authorization',
        authScheme: 'Token',
      },
      {},
    );
    expect(token.provider.headers(OPENAI_KEY)).toEqual({ authorization: `Token ${OPENAI_KEY}` });
  });

  it('works without a key when the gateway takes none', () => {
    const resolved = resolveClientOptions(
      { provider: 'compatible', baseURL: 'http://localhost:4000/v1', authHeader: null },
      {},
    );
    expect(resolved.apiKey).toBeUndefined();
    expect(resolved.provider.headers(undefined)).toEqual({});
  });

  it('knows what it was told the gateway lacks, and refuses unknown feature names', () => {
    const { provider } = resolveClientOptions(
      {
        provider: 'compatible',
        baseURL: 'https://gateway.example/v1',
        apiKey: OPENAI_KEY,
        unsupported: ['uploads', 'jobs.pause'],
      },
      {},
    );
    expect(provider.whyNot('uploads')).toMatch(/unsupported/);
    expect(provider.whyNot('jobs')).toBeUndefined();
    expect(provider.detectsMissingRoutes).toBe(true);

    const error = configurationError(() =>
      resolveClientOptions(
        {
          provider: 'compatible',
          baseURL: 'https://gateway.example/v1',
          apiKey: OPENAI_KEY,
          unsupported: ['fine-tuning' as never],
        },
        {},
      ),
    );
    expect(error.option).toBe('unsupported');
    expect(error.message).toContain('"fine-tuning"');
  });

  it.each([
    [{ authHeader: 'bad header' }, 'authHeader'],
    [{ authScheme: 'Two words' }, 'authScheme'],
    [{ endpoint: 'https://r.openai.azure.com' }, 'endpoint'],
  ])('rejects %o', (options, option) => {
    const error = configurationError(() =>
      resolveClientOptions(
        { provider: 'compatible', baseURL: 'https://g.example/v1', apiKey: OPENAI_KEY, ...options },
        {},
      ),
    );
    expect(error.option).toBe(option);
  });
});

describe('the openai provider', () => {
  it('refuses options of other providers and trainingType', () => {
    const error = configurationError(() =>
      resolveClientOptions({ apiKey: OPENAI_KEY, endpoint: 'https://r.openai.azure.com' }, {}),
    );
    expect(error.option).toBe('endpoint');
    expect(error.message).toContain('provider: "azure"');
    const { provider } = resolveClientOptions({ apiKey: OPENAI_KEY }, {});
    expect(provider.whyNot('jobs.trainingType')).toMatch(/Azure AI Foundry field/);
    expect(provider.detectsMissingRoutes).toBe(false);
  });
});
