/** The editor's ports bound to the client: the one place where editor state machines meet the transport. */
import type { SamlabelClient } from '../../shared/ipc/api.js';
import type { AnnotationPorts } from '../editor/annotations.js';
import type { SessionPorts } from '../editor/session.js';

export function sessionPorts(client: SamlabelClient, onError: (error: unknown) => void): SessionPorts {
  return {
    setImage: async (imageId) => {
      const { width, height } = await client.engine.setImage({ imageId });
      return { width, height };
    },
    predict: (request) =>
      client.engine.predict({
        imageId: request.imageId,
        pointCoords: request.pointCoords,
        pointLabels: request.pointLabels,
        ...(request.box ? { box: request.box } : {}),
        ...(request.maskInputId ? { maskInputId: request.maskInputId } : {}),
        ...(request.prefer !== undefined ? { prefer: request.prefer } : {}),
        multimaskOutput: request.multimaskOutput,
      }),
    candidateLogits: (imageId, maskInputId) => client.engine.candidateLogits({ imageId, maskInputId }),
    now: () => performance.now(),
    onError,
  };
}

export function annotationPorts(client: SamlabelClient, onError: (error: unknown) => void): AnnotationPorts {
  return {
    list: async (imageId) => (await client.annotations.list({ imageId })).annotations,
    accept: (input) =>
      client.annotations.accept({
        imageId: input.imageId,
        maskInputId: input.maskInputId,
        labelId: input.labelId,
        prompts: {
          pointCoords: [...input.prompts.pointCoords],
          pointLabels: [...input.prompts.pointLabels],
          ...(input.prompts.box ? { box: input.prompts.box } : {}),
        },
      }),
    setLabel: (annotationId, labelId) => client.annotations.update({ annotationId, labelId }),
    remove: (annotationIds) => client.annotations.delete({ annotationIds: [...annotationIds] }),
    reorder: (imageId, annotationIds) => client.annotations.reorder({ imageId, annotationIds: [...annotationIds] }),
    markReviewed: (annotationId) => client.annotations.update({ annotationId, reviewed: true }),
    markImageReviewed: (imageId) => client.annotations.markReviewed({ imageId }),
    undo: (imageId) => client.history.undo({ scope: { imageId } }),
    redo: (imageId) => client.history.redo({ scope: { imageId } }),
    history: (imageId) => client.history.state({ scope: { imageId } }),
    onError,
  };
}
