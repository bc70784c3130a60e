// Commands from the command line (`--resume-top` from a pedal, a Stream Deck key, a script): at
// start in the first instance, and from every later launch through 'second-instance'. They go
// through the app's one command path with source 'launch', so the outcome is shown the way a
// hotkey's is (tray, and a notification when the panel is hidden).
import type { Command, CommandSource } from '../../shared/commands';
import { describeLaunchArgs, launchRefusalMessage, parseLaunchArgs, secondInstanceArgs, type LaunchArgs } from '../app/launch-args';
import type { Feedback } from './feedback';

export interface LaunchCommandDeps {
  /** The one command path (electron/main/actions.ts run → AppService.execute). */
  run(command: Command, source: CommandSource): Promise<void>;
  feedback: Pick<Feedback, 'error'>;
  showPanel(): void;
  log(message: string): void;
}

export function createLaunchCommands(deps: LaunchCommandDeps) {
  /** Log what was not ours or not valid, tell the agent about refusals, then run the rest in order. */
  async function runLaunch(parsed: LaunchArgs): Promise<void> {
    for (const line of describeLaunchArgs(parsed)) deps.log(line);
    const refusal = parsed.refused[0];
    if (refusal) deps.feedback.error(launchRefusalMessage(refusal));
    for (const command of parsed.commands) await deps.run(command, 'launch');
  }

  return {
    /** The first instance: the flags it was started with. */
    atStart(argv: readonly string[], appPathFirst: boolean): Promise<void> {
      return runLaunch(parseLaunchArgs(argv, { appPathFirst }));
    },
    /** A later launch: act on its flags; a plain launch (no flag of ours) shows the panel, as before. */
    secondInstance(argv: readonly string[], additionalData: unknown, appPathFirst: boolean): Promise<void> {
      const parsed = secondInstanceArgs(argv, additionalData, appPathFirst);
      if (parsed.commands.length === 0 && parsed.refused.length === 0) {
        for (const line of describeLaunchArgs(parsed)) deps.log(line);
        deps.showPanel();
        return Promise.resolve();
      }
      return runLaunch(parsed);
    },
  };
}

export type LaunchCommands = ReturnType<typeof createLaunchCommands>;
