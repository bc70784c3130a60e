// Commands from the command line (`--resume-top` from a pedal, a Stream Deck key, a script): at
// start in the first instance, and from every later launch through 'second-instance'. Each one
// runs through ONE function, runCommand(), mapped onto what the app service offers today, with
// source 'launch' so the outcome is shown the way a hotkey's is (tray, and a notification when
// the panel is hidden). When the app service gains execute(command, source), runCommand becomes
// a call to it.
import { assertNever, type Command } from '../../shared/commands';
import type { ActionResult } from '../../shared/model';
import type { AppService, TriggerAction } from '../app/app-service';
import { toErrorEnvelope } from '../app/ipc-envelope';
import { describeLaunchArgs, LAUNCH_REFUSAL_TEXT, parseLaunchArgs, secondInstanceArgs, type LaunchArgs } from '../app/launch-args';
import type { Feedback } from './feedback';

export interface LaunchCommandDeps {
  service(): AppService;
  feedback: Feedback;
  togglePanel(): void;
  showPanel(): void;
  log(message: string): void;
}

// The English for results this module makes itself, in one table (the lead moves these into the
// message catalogue together with the app service's own wording, which they repeat).
const TEXT = {
  NOT_SIGNED_IN: () => 'You are not signed in to the gateway.',
  NOTHING_HELD: (position: number) => `There is no call in position ${position} on hold.`,
} as const;

/** Positions the app service already has a trigger for (the hotkeys'). */
const RESUME_TRIGGERS: Readonly<Record<number, TriggerAction>> = { 1: 'resumeTop', 2: 'resume2', 3: 'resume3' };

export function createLaunchCommands(deps: LaunchCommandDeps) {
  const report = (result: ActionResult): void => deps.feedback.outcome({ source: 'launch', result });

  /** A position beyond the hotkeys' three: look the call up in the list as shown. */
  async function byPosition(action: 'resume' | 'connect', position: number): Promise<void> {
    const service = deps.service();
    if (service.session().status !== 'signed-in') {
      report({ ok: false, action, code: 'NOT_SIGNED_IN', kind: 'signed-out', message: TEXT.NOT_SIGNED_IN() });
      return;
    }
    const call = service.heldCalls()[position - 1];
    if (!call) {
      report({ ok: false, action, code: 'NOTHING_HELD', kind: 'nothing-held', message: TEXT.NOTHING_HELD(position) });
      return;
    }
    report(await service.handlers[action === 'resume' ? 'calls:resume' : 'calls:connect'](call.callid));
  }

  async function runCommand(command: Command): Promise<void> {
    const service = deps.service();
    try {
      switch (command.type) {
        case 'toggle-panel':
          deps.togglePanel();
          return;
        case 'refresh':
          // trigger() pushes 'action-outcome', which the feedback listener turns into tray state.
          await service.trigger('refresh', 'launch');
          return;
        case 'resume-position': {
          const trigger = RESUME_TRIGGERS[command.position];
          if (trigger) await service.trigger(trigger, 'launch');
          else await byPosition('resume', command.position);
          return;
        }
        case 'connect-position':
          if (command.position === 1) await service.trigger('connectTop', 'launch');
          else await byPosition('connect', command.position);
          return;
        case 'resume':
          report(await service.handlers['calls:resume'](command.callid));
          return;
        case 'connect':
          report(await service.handlers['calls:connect'](command.callid));
          return;
        default:
          assertNever(command);
      }
    } catch (error) {
      // The envelope redacts, and turns an unexpected bug into a neutral sentence.
      deps.feedback.error(toErrorEnvelope(error).message);
    }
  }

  /** Log what was not ours or not valid, tell the agent about refusals, then run the rest in order. */
  async function runLaunch(parsed: LaunchArgs): Promise<void> {
    for (const line of describeLaunchArgs(parsed)) deps.log(line);
    const refusal = parsed.refused[0];
    if (refusal) deps.feedback.error(LAUNCH_REFUSAL_TEXT[refusal.code](refusal));
    for (const command of parsed.commands) await runCommand(command);
  }

  return {
    runCommand,
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
