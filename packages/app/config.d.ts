export interface Config {
  modelops?: {
    /**
     * True when the portal shows the bundled demo environment's data; the app then says so
     * on every page. Set by app-config.demo.yaml only.
     * @visibility frontend
     */
    demoData?: boolean;
  };
}
