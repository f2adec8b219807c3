// Runs in the app page (not in the editor's frame), once per browser tab.
// 1. The editor sends its text 200 ms after the last keystroke, and later still on a busy
//    machine. A click before it has sent the learner's last edits (on Check or Submit, which
//    would grade older text, or on a link or button that leaves the page, which would drop it)
//    first sends the editor's text itself, then goes on. Nothing here depends on timing: an
//    edit is pending until the app has been sent the very text the editor shows.
// 2. Ace keeps Tab for indenting, which traps keyboard users inside the editor: Escape
//    leaves it and moves the focus to the Check button.
// 3. Ace's hidden text input gets a label, so screen readers name the editor.
(function () {
  if (window.prodreadyEditorBridge) return;
  window.prodreadyEditorBridge = true;
  const HAND_OVER_MS = 100; // lets Streamlit take the sent text before the held click goes on
  const watched = new Map(); // the editor frame's window -> {frame, editor, pending}

  function editorFrames() {
    const found = [];
    for (const frame of document.querySelectorAll('iframe[title="streamlit_ace.streamlit_ace"]')) {
      let element = null;
      try {
        element = frame.contentDocument && frame.contentDocument.querySelector("#ace-editor");
      } catch (error) {
        continue; // not readable (another origin): leave it alone
      }
      if (element && element.env && element.env.editor) found.push([frame, element.env.editor]);
    }
    return found;
  }

  function label(button) {
    // The label only: a button's icon is a ligature whose text ("science") is not its name.
    const text = button.querySelector('[data-testid="stMarkdownContainer"]') || button;
    return text.textContent.trim();
  }

  function gradingButton(name) {
    for (const button of document.querySelectorAll("button")) {
      if (label(button) === name) return button;
    }
    return null;
  }

  function watch() {
    for (const [frame, editor] of editorFrames()) {
      if (editor.prodreadyWatched) continue;
      editor.prodreadyWatched = true;
      const state = { frame: frame, editor: editor, pending: false };
      watched.set(frame.contentWindow, state);
      // Ace's text input has no label: screen readers would announce an unnamed text box.
      editor.textInput.getElement().setAttribute("aria-label", "Code editor: your fix");
      editor.on("change", function () {
        // An edit by the learner (a command: typing, paste, delete) is pending until sent; text
        // the app put there (a draft, Reset, Undo) came from the app and is not.
        const operation = editor.curOp;
        if (operation && operation.command && operation.command.name) state.pending = true;
      });
      editor.commands.addCommand({
        name: "leaveEditor",
        bindKey: { win: "Esc", mac: "Esc" },
        exec: function () {
          const next = gradingButton("Check");
          editor.blur();
          if (next) next.focus();
        },
      });
    }
    for (const [frameWindow, state] of watched) {
      if (!state.frame.isConnected) watched.delete(frameWindow); // the page changed
    }
  }

  // What the editor sent the app (Streamlit's component protocol): pending only if the
  // learner has typed since.
  window.addEventListener("message", function (event) {
    const data = event.data;
    if (!data || data.type !== "streamlit:setComponentValue") return;
    const state = watched.get(event.source);
    if (state) state.pending = state.editor.getValue() !== data.value;
  });

  function sendNow(frameWindow, state) {
    // The message the editor itself sends after its pause, sent from its own frame (which is
    // how Streamlit knows whose value it is), with the text it shows now.
    const send = new frameWindow.Function(
      "text",
      "window.parent.postMessage({isStreamlitMessage: true, type: 'streamlit:setComponentValue'," +
        " value: text, dataType: 'json'}, '*');",
    );
    send(state.editor.getValue());
    state.pending = false;
  }

  function sendPending() {
    let sent = false;
    for (const [frameWindow, state] of watched) {
      if (state.pending && state.frame.isConnected) {
        sendNow(frameWindow, state);
        sent = true;
      }
    }
    return sent;
  }

  document.addEventListener(
    "click",
    function (event) {
      const target = event.target.closest && event.target.closest("button, a");
      if (!target) return;
      if (target.prodreadyReplay) {
        target.prodreadyReplay = false;
        return;
      }
      if (!sendPending()) return;
      event.preventDefault();
      event.stopPropagation();
      setTimeout(function () {
        target.prodreadyReplay = true;
        target.click();
      }, HAND_OVER_MS);
    },
    true,
  );
  window.addEventListener("beforeunload", function (event) {
    if (sendPending()) {
      // The text is on its way; ask before leaving so it has the time to arrive.
      event.preventDefault();
      event.returnValue = "";
    }
  });
  setInterval(watch, 100);
})();
