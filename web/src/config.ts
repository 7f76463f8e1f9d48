/** Where this stage's API lives: fetched at start so one build serves every stage. */
export interface RuntimeConfig {
  apiBaseUrl: string;
  wsUrl: string | null;
}

export async function loadConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  const config = (await response.json()) as Partial<RuntimeConfig>;
  if (!config.apiBaseUrl) throw new Error('config.json has no apiBaseUrl');
  return { apiBaseUrl: config.apiBaseUrl.replace(/\/+$/, ''), wsUrl: config.wsUrl ?? null };
}
