// Ink loads react-devtools-core only when DEV=true; the bundle ships this stub in its place so the
// bundle does not import a package tokentop does not install.
export default { initialize() {}, connectToDevTools() {} };
