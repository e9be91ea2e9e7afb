import swaggerUiPackage from 'swagger-ui-dist/package.json';

/** The renderer's version, in the asset URLs so browsers may cache them for good. */
export const SWAGGER_UI_VERSION: string = swaggerUiPackage.version;

export const assetUrl = (file: 'swagger-ui-bundle.js' | 'swagger-ui.css') => `/api-reference/assets/${file}?v=${SWAGGER_UI_VERSION}`;
