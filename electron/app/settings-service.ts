// Saving settings, in one order: validate and write (the store), run each changed setting's
// reaction once (list order, window, login item, hotkeys, locale, connection), build the view
// once, push it once, and reply with that same view. Pushes asked for while a commit runs (a
// hotkey re-registration reporting its status) are folded into the commit's one push.
import type { Effect, Settings, SettingsKey, SettingsPatch, SettingsView } from '../../shared/settings';
import { settingSpec } from '../../shared/settings';
import type { SettingsBackend } from './settings-store';

export type Reaction = (settings: Settings, changed: readonly SettingsKey[]) => void;

export interface SettingsService {
  readonly backend: SettingsBackend;
  get(): Settings;
  view(): SettingsView;
  commit(patch: SettingsPatch): SettingsView;
  /** Register what must happen when settings with this effect change. */
  react(effect: Effect, reaction: Reaction): () => void;
  /** Something outside a commit changed the view (hotkey status): push it, unless a commit will. */
  publish(): void;
}

export function createSettingsService(backend: SettingsBackend, view: () => SettingsView, push: (view: SettingsView) => void): SettingsService {
  const reactions = new Map<Effect, Set<Reaction>>();
  let committing = false;

  return {
    backend,
    get: () => backend.get(),
    view,
    react(effect, reaction) {
      const set = reactions.get(effect) ?? new Set<Reaction>();
      reactions.set(effect, set);
      set.add(reaction);
      return () => set.delete(reaction);
    },
    commit(patch) {
      committing = true;
      try {
        const changed = backend.set(patch);
        const settings = backend.get();
        const effects = new Set(changed.map((key) => settingSpec(key).effect));
        for (const effect of effects) {
          for (const reaction of reactions.get(effect) ?? []) reaction(settings, changed);
        }
      } finally {
        committing = false;
      }
      const fresh = view();
      push(fresh);
      return fresh;
    },
    publish() {
      if (!committing) push(view());
    },
  };
}
