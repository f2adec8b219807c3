// Runs in the app page (not in the editor's frame), once per browser tab.
// 1. The editor sends its text 200 ms after the last keystroke. A click sooner than that (on
//    Check or Submit, which would grade the text before the last keystrokes, or on a link or
//    button that leaves the page, which would drop them) is held until the editor has sent
//    everything, then replayed. A reload that soon asks first.
// 2. Ace keeps Tab for indenting, which traps keyboard users inside the editor: Escape
//    leaves it and moves the focus to the Check button.
// 3. Ace's hidden text input gets a label, so screen readers name the editor.
(function () {
  if (window.prodreadyEditorBridge) return;
  window.prodreadyEditorBridge = true;
  const SETTLE_MS = 350; // the editor's 200 ms debounce, plus the message to the app
  let lastChange = 0;

  function editors() {
    const found = [];
    for (const frame of document.querySelectorAll('iframe[title="streamlit_ace.streamlit_ace"]')) {
      let element = null;
      try {
        element = frame.contentDocument && frame.contentDocument.querySelector("#ace-editor");
      } catch (error) {
        continue; // not readable (another origin): leave it alone
      }
      if (element && element.env && element.env.editor) found.push(element.env.editor);
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
    for (const editor of editors()) {
      if (editor.prodreadyWatched) continue;
      editor.prodreadyWatched = true;
      // Ace's text input has no label: screen readers would announce an unnamed text box.
      editor.textInput.getElement().setAttribute("aria-label", "Code editor: your fix");
      editor.on("change", function () {
        lastChange = performance.now();
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
  }

  document.addEventListener(
    "click",
    function (event) {
      const target = event.target.closest && event.target.closest("button, a");
      if (!target) return;
      const wait = SETTLE_MS - (performance.now() - lastChange);
      if (wait <= 0) return;
      event.preventDefault();
      event.stopPropagation();
      setTimeout(function () {
        target.click();
      }, wait);
    },
    true,
  );
  window.addEventListener("beforeunload", function (event) {
    if (performance.now() - lastChange < SETTLE_MS) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  setInterval(watch, 300);
})();
