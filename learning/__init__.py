"""Page logic that needs no Streamlit: course map, practice (check/submit), feedback, find the flaw,
the production-readiness checklist. Views render what these return; tests call them directly."""
