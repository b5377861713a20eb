// The widget's decisions that do not touch the page, as browser JavaScript (the widget has no build
// step): inlined into /widget.js and evaluated as-is by the unit tests, so what is tested is what ships.

export const WIDGET_LOGIC = String.raw`
  var EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
  function isEmailAddress(text) {
    var value = String(text || '').trim();
    return value.length <= 320 && EMAIL_PATTERN.test(value);
  }
  // What the email row shows. Nobody online and no address yet: ask for one, since an answer can
  // only reach the visitor by email once they leave. Someone online: offer it quietly. Known: hide it.
  function emailPrompt(state) {
    if (state.email) {
      return {
        mode: 'hidden',
        note: state.agentsOnline === false ? 'No one is online right now: we will answer at ' + state.email + '.' : '',
      };
    }
    if (state.agentsOnline === false) {
      return { mode: 'ask', note: 'No one is online right now. Leave your email and we will answer you there.' };
    }
    return { mode: 'offer', note: '' };
  }
`;
