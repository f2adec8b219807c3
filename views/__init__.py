"""Streamlit pages (one script per page) and the widgets they share."""
