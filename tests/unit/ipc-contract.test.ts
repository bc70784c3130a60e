// Type-level pins of the IPC contract: any drift in a channel's signature fails here first.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  API_METHODS,
  InvokeChannel,
  PushChannel,
  type CecApi,
  type CommandOutcome,
  type ErrorEnvelope,
  type PanelView,
  type CecBridge,
  type InvokeArgs,
  type InvokeChannelName,
  type InvokeMap,
  type InvokeReply,
  type InvokeResult,
  type PushChannelName,
  type PushMap,
  type SessionView,
  type SignInRequest,
} from '../../shared/ipc-contract';
import { CecError, createCecApi } from '../../shared/cec-api';
import type { Command } from '../../shared/commands';
import { msg, type Message } from '../../shared/i18n';
import type { ActionResult, HeldCall, HeldList } from '../../shared/model';
import type { SettingsPatch, SettingsView } from '../../shared/settings';

describe('InvokeMap signatures', () => {
  it('pins each channel', () => {
    expectTypeOf<InvokeMap['calls:list']>().toEqualTypeOf<() => HeldList>();
    expectTypeOf<InvokeMap['calls:refresh']>().toEqualTypeOf<() => HeldList>();
    expectTypeOf<InvokeMap['command:execute']>().toEqualTypeOf<(command: Command) => ActionResult | null>();
    expectTypeOf<InvokeMap['session:get']>().toEqualTypeOf<() => SessionView>();
    expectTypeOf<InvokeMap['session:sign-in']>().toEqualTypeOf<(request: SignInRequest) => SessionView>();
    expectTypeOf<InvokeMap['session:sign-out']>().toEqualTypeOf<() => SessionView>();
    expectTypeOf<InvokeMap['demo:start']>().toEqualTypeOf<() => SessionView>();
    expectTypeOf<InvokeMap['settings:get']>().toEqualTypeOf<() => SettingsView>();
    expectTypeOf<InvokeMap['settings:set']>().toEqualTypeOf<(patch: SettingsPatch) => SettingsView>();
    expectTypeOf<InvokeMap['hotkeys:capture']>().toEqualTypeOf<(capturing: boolean) => void>();
    expectTypeOf<InvokeMap['panel:hide']>().toEqualTypeOf<() => void>();
    expectTypeOf<keyof InvokeMap>().toEqualTypeOf<InvokeChannelName>();
  });

  it('derives args and results from the map', () => {
    expectTypeOf<InvokeArgs<'command:execute'>>().toEqualTypeOf<[command: Command]>();
    expectTypeOf<InvokeArgs<'calls:list'>>().toEqualTypeOf<[]>();
    expectTypeOf<InvokeResult<'settings:set'>>().toEqualTypeOf<SettingsView>();
    expectTypeOf<InvokeReply<number>>().toEqualTypeOf<{ ok: true; value: number } | { ok: false; error: ErrorEnvelope }>();
    // What crosses to the page is a message to render, never English text.
    expectTypeOf<ErrorEnvelope['message']>().toEqualTypeOf<Message>();
    expectTypeOf<ActionResult['message']>().toEqualTypeOf<Message>();
  });
});

describe('PushMap payloads', () => {
  it('pins each push channel', () => {
    expectTypeOf<PushMap['held-calls-changed']>().toEqualTypeOf<HeldList>();
    expectTypeOf<PushMap['session-changed']>().toEqualTypeOf<SessionView>();
    expectTypeOf<PushMap['settings-changed']>().toEqualTypeOf<SettingsView>();
    expectTypeOf<PushMap['command-outcome']>().toEqualTypeOf<CommandOutcome>();
    expectTypeOf<PushMap['show-view']>().toEqualTypeOf<PanelView>();
    expectTypeOf<keyof PushMap>().toEqualTypeOf<PushChannelName>();
  });
});

type Invokers = Omit<CecApi, 'on'>;
/** The CecApi method for each channel must be the InvokeMap signature, made async. */
type Promised<C extends InvokeChannelName> = (...args: InvokeArgs<C>) => Promise<InvokeResult<C>>;

describe('CecApi and API_METHODS', () => {
  it('API_METHODS names every CecApi method except on()', () => {
    expectTypeOf<keyof typeof API_METHODS>().toEqualTypeOf<keyof Invokers>();
    expectTypeOf<(typeof API_METHODS)[keyof typeof API_METHODS]>().toEqualTypeOf<InvokeChannelName>();
    // And at run time, every channel is reachable from exactly one method.
    expect(new Set(Object.values(API_METHODS))).toEqual(new Set(Object.values(InvokeChannel)));
    expect(Object.keys(API_METHODS)).toHaveLength(Object.values(InvokeChannel).length);
  });

  it('each method has its channel signature, returning a promise', () => {
    expectTypeOf<CecApi['listCalls']>().toEqualTypeOf<Promised<'calls:list'>>();
    expectTypeOf<CecApi['refresh']>().toEqualTypeOf<Promised<'calls:refresh'>>();
    expectTypeOf<CecApi['execute']>().toEqualTypeOf<Promised<'command:execute'>>();
    expectTypeOf<CecApi['getSession']>().toEqualTypeOf<Promised<'session:get'>>();
    expectTypeOf<CecApi['signIn']>().toEqualTypeOf<Promised<'session:sign-in'>>();
    expectTypeOf<CecApi['signOut']>().toEqualTypeOf<Promised<'session:sign-out'>>();
    expectTypeOf<CecApi['startDemo']>().toEqualTypeOf<Promised<'demo:start'>>();
    expectTypeOf<CecApi['getSettings']>().toEqualTypeOf<Promised<'settings:get'>>();
    expectTypeOf<CecApi['setSettings']>().toEqualTypeOf<Promised<'settings:set'>>();
    expectTypeOf<CecApi['captureHotkeys']>().toEqualTypeOf<Promised<'hotkeys:capture'>>();
    expectTypeOf<CecApi['hidePanel']>().toEqualTypeOf<Promised<'panel:hide'>>();
  });

  it('on() is typed per push channel and returns an unsubscribe function', () => {
    type On = CecApi['on'];
    expectTypeOf<ReturnType<On>>().toEqualTypeOf<() => void>();
    const api = {} as CecApi;
    expectTypeOf(api.on<'held-calls-changed'>).parameter(1).toEqualTypeOf<(payload: HeldList) => void>();
    expect(Object.values(PushChannel).sort()).toEqual(['command-outcome', 'held-calls-changed', 'session-changed', 'settings-changed', 'show-view']);
  });
});

describe('CecBridge (what the preload exposes)', () => {
  it('mirrors CecApi, resolving to the raw reply so code and kind survive contextBridge', () => {
    expectTypeOf<CecBridge['execute']>().toEqualTypeOf<(command: Command) => Promise<InvokeReply<ActionResult | null>>>();
    expectTypeOf<CecBridge['listCalls']>().toEqualTypeOf<() => Promise<InvokeReply<HeldList>>>();
    expectTypeOf<CecBridge['signIn']>().toEqualTypeOf<(request: SignInRequest) => Promise<InvokeReply<SessionView>>>();
    expectTypeOf<CecBridge['on']>().toEqualTypeOf<CecApi['on']>();
  });

  it('createCecApi unwraps a reply and rebuilds a refusal as a CecError', async () => {
    const bridge = {
      execute: async (command: { callid: string }) => ({ ok: true, value: { ok: true, action: 'resume', callid: command.callid, message: msg('result.resumed', { who: 'x' }) } }),
      listCalls: async () => ({ ok: false, error: { code: '100-006', kind: 'signed-out', message: msg('gateway.100-006') } }),
      setSettings: async () => ({ ok: false, error: { code: 'INVALID_SETTING', kind: 'input', message: msg('config.agent-id'), field: { key: 'agentId' } } }),
      on: () => () => undefined,
    } as unknown as CecBridge;
    const api = createCecApi(bridge);
    await expect(api.execute({ type: 'resume', callid: 'c1' })).resolves.toMatchObject({ callid: 'c1' });
    const error = await api.listCalls().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CecError);
    expect(error).toMatchObject({ code: '100-006', kind: 'signed-out', agentMessage: msg('gateway.100-006'), message: expect.stringMatching(/sign in again/) });
    const refused = await api.setSettings({ agentId: '1' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'INVALID_SETTING', agentMessage: { id: 'config.agent-id' }, field: { key: 'agentId' } });
  });
});
