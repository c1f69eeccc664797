// Printing through Chromium (issue 5) goes here: the print HTML from main/documents loaded
// into a hidden, sandboxed BrowserWindow, then webContents.printToPDF / webContents.print.
// Only this file will touch the window; the HTML and its tests stay in main/documents.
export {};
