"""The application shell: start-up, the main window, About."""
