//! The subtask DAG: graph building and layout (pure), and the SVG chart component.
