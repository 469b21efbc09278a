// JSON values, query strings and URI templates live in RestJson1Core, which the code generator
// also reads models with; everything that imports RestJson1 sees them as before.
@_exported import RestJson1Core
