/*
 * Stands in for Monaco's GPU rendering (the experimentalGpuAcceleration
 * option's view parts and their WebGPU context, ~190 KB of source), which
 * the editor's view imports whether the option is on or not. The playground
 * never turns it on.
 */
class NoGpuRendering {
  constructor() {
    throw new Error('This build of Monaco has no GPU rendering (see src/plugins/monaco-stubs.ts)');
  }
}

export {
  NoGpuRendering as GpuMarkOverlay,
  NoGpuRendering as RulersGpu,
  NoGpuRendering as ViewGpuContext,
  NoGpuRendering as ViewLinesGpu,
};
