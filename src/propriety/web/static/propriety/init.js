// Starts GOV.UK Frontend's components (service navigation toggle, password
// reveal, error summary focus). Loaded as a module, so old browsers that
// cannot run it get the plain HTML, which works without JavaScript.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

initAll();
