// Whether a process traces: decided from the environment with string comparisons only, before
// anything else is imported, so a service without tracing loads neither the SDK nor its config.
/**
 * Tracing runs when a traces exporter is named and the SDK is not disabled. An unset
 * OTEL_TRACES_EXPORTER means off here (the SDK's own default would be otlp).
 */
export function tracingEnabled(env: NodeJS.ProcessEnv): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  return env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true' && !!exporter && exporter !== 'none';
}
